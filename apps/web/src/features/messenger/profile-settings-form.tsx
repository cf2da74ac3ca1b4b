import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";

interface Props {
  profile: { id: string; name: string; status: "enabled" | "disabled" };
}

/** Edits a profile's name and Status; disabling is refused while active programs use it. */
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
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="card" aria-label="Profile settings" noValidate>
      {saved && <Alert kind="success">Saved.</Alert>}
      {error && !error.fields.name && <Alert kind="error">{error.message}</Alert>}
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
          onChange={(e) => setStatus(e.target.value as Props["profile"]["status"])}
        >
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
        <p className="hint">A disabled profile cannot be chosen in a Messenger node.</p>
      </div>
      <button type="submit" className="button primary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
