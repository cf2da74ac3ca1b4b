import { getMessageTag } from "@waymark/domain";
import { useState } from "react";
import { Link } from "react-router";
import { useEditor } from "../editor-context";
import type { FlowNodeOf, NodeDataOf } from "../flow-types";
import { FieldCoverage } from "./field-coverage";
import { MessageEditor } from "./message-editor";
import { MessagePreview } from "./message-preview";
import { SelectField } from "./select-field";
import { TagDialog } from "./tag-dialog";
import { tagPolicyNote } from "./tag-policy";
import { useProgramLints } from "./use-program-lints";

/** Messenger: profile (enabled ones), tag, message with personalisation, preview. */
export function MessengerPanel({ node }: { node: FlowNodeOf<"messenger"> }) {
  const { store, profiles, fields, readOnly } = useEditor();
  const [choosingTag, setChoosingTag] = useState(false);
  const lints = useProgramLints();
  const warnings = (lints.data?.warnings ?? []).filter((w) => w.nodeId === node.id);
  const set = (patch: Partial<NodeDataOf<"messenger">>, key?: string) =>
    store.updateNode(
      node.id,
      (n) => (n.type === "messenger" ? { ...n, data: { ...n.data, ...patch } } : n),
      key && `${node.id}:${key}`,
    );
  const { profileId, tagId, text } = node.data;
  const profile = profiles.find((p) => p.id === profileId);
  const enabled = profiles.filter((p) => p.status === "enabled");
  const tag = getMessageTag(tagId);
  const note = tag && profile ? tagPolicyNote(tag, profile.policyVersion) : undefined;
  const profileHint =
    profileId === null ? (
      enabled.length === 0 ? (
        <>
          No enabled Messenger profile yet.{" "}
          <Link to="/settings/channels/messenger">Create one in Channel management</Link>.
        </>
      ) : (
        "Messages are sent from this profile's Facebook page."
      )
    ) : !profile ? (
      "This profile was deleted: choose another."
    ) : profile.status === "disabled" ? (
      "This profile is disabled: enable it or choose another."
    ) : profile.connection === "lost" ? (
      <>
        This profile lost its connection to Facebook: its messages wait until you{" "}
        <Link to={`/settings/channels/messenger/${profile.id}`}>reconnect {profile.name}</Link>.
      </>
    ) : (
      `Sent from the page ${profile.pageName}.`
    );
  return (
    <>
      <SelectField
        label="Profile"
        value={profileId ?? ""}
        onChange={(e) => set({ profileId: e.target.value === "" ? null : e.target.value })}
        hint={profileHint}
        aria-invalid={profileId !== null && profile?.status !== "enabled" ? true : undefined}
      >
        <option value="">Choose a profile…</option>
        {profileId !== null && !profile && <option value={profileId}>Deleted profile</option>}
        {profile?.status === "disabled" && (
          <option value={profile.id}>{`${profile.name} (disabled)`}</option>
        )}
        {enabled.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <div className="row">
          <span className="field-label">Tag:</span>
          <strong>{tag?.label ?? `Unknown tag (${tagId})`}</strong>
          <button
            type="button"
            className="button small"
            onClick={() => setChoosingTag(true)}
            disabled={readOnly}
          >
            Change tag
          </button>
        </div>
        {note && note.status !== "allowed" && (
          <p className={`hint tag-${note.status}`}>{note.text}</p>
        )}
      </div>
      <TagDialog
        open={choosingTag}
        tagId={tagId}
        policy={profile?.policyVersion}
        onClose={() => setChoosingTag(false)}
        onChoose={(next) => {
          set({ tagId: next });
          setChoosingTag(false);
        }}
      />
      <MessageEditor text={text} fields={fields} onChange={(next) => set({ text: next }, "text")} />
      <FieldCoverage text={text} fields={fields} lints={lints} />
      {warnings.length > 0 && (
        <ul className="node-warnings" aria-label="Warnings for this message">
          {warnings.map((w) => (
            <li key={`${w.code}-${w.field ?? ""}`}>{w.message}</li>
          ))}
        </ul>
      )}
      <MessagePreview text={text} fields={fields} />
    </>
  );
}
