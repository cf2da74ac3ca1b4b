import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ProgramRef } from "@waymark/domain";
import { type FormEvent, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { BlockingPrograms } from "./blocking-programs";

interface Props {
  profile: {
    id: string;
    name: string;
    status: "enabled" | "disabled";
    activePrograms: readonly ProgramRef[];
  };
}

/**
 * Edits a profile's name and Status. Disabling is refused while active programs use it, so
 * those programs are shown (and Save held back) as soon as Disabled is chosen; a refusal that
 * still comes (a program activated meanwhile) puts the form back to what is saved.
 */
export function ProfileSettingsForm({ profile }: Props) {
  const [name, setName] = useState(profile.name);
  const [status, setStatus] = useState(profile.status);
  const [saved, setSaved] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.messenger.profiles[":id"].$patch({ param: { id: profile.id }, json: { name, status } }),
      ),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["messenger-profiles"] });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError) || error.code !== "profile_in_use") return;
      setName(profile.name);
      setStatus(profile.status);
      await queryClient.invalidateQueries({ queryKey: ["messenger-profiles"] });
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const inUse = profile.activePrograms.length > 0;
  const showUsage = inUse && profile.status === "enabled";
  const blocked = showUsage && status === "disabled";
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="card" aria-label="Profile settings" noValidate>
      {saved && <Alert kind="success">Saved.</Alert>}
      {error && !error.fields.name && (
        <Alert kind="error">
          {error.message}
          {error.code === "profile_in_use" && " Nothing was saved."}
        </Alert>
      )}
      <Field
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={error?.fields.name}
      />
      <div className="field">
        <label htmlFor="profile-status-edit">Status</label>
        <select
          id="profile-status-edit"
          value={status}
          aria-describedby={`profile-status-hint${showUsage ? " profile-status-usage" : ""}`}
          aria-invalid={blocked || undefined}
          onChange={(e) => {
            setSaved(false);
            setStatus(e.target.value as Props["profile"]["status"]);
          }}
        >
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
        <p id="profile-status-hint" className="hint">
          A disabled profile cannot be chosen in a Messenger node.
        </p>
        {showUsage && (
          <p id="profile-status-usage" className={blocked ? "field-error" : "hint"}>
            <BlockingPrograms
              profileName={profile.name}
              programs={profile.activePrograms}
              action="disable"
            />
          </p>
        )}
      </div>
      <button type="submit" className="button primary" disabled={save.isPending || blocked}>
        {save.isPending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
