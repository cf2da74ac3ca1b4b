import { connectionProblem } from "@waymark/domain";
import { Fragment } from "react";
import { Link } from "react-router";
import { Alert } from "../../ui/alert";
import { useEditor, useEditorState } from "./editor-context";
import type { EditorState } from "./editor-store";

const usedProfiles = (state: EditorState) => {
  const ids = new Set<string>();
  for (const node of state.history.present.nodes) {
    if (node.type === "messenger" && node.data.profileId) ids.add(node.data.profileId);
  }
  return [...ids].sort().join(",");
};

/**
 * A banner over the canvas while a profile its Messenger nodes use has lost its Facebook
 * connection (issue 16.3): the reason, what happens to the messages, and where to reconnect.
 */
export function ProfileHealthBanner({ status }: { status: "draft" | "active" | "deactivated" }) {
  const { store, profiles } = useEditor();
  const used = useEditorState(store, usedProfiles);
  const lost = profiles.filter((p) => p.connection === "lost" && used.split(",").includes(p.id));
  if (lost.length === 0) return null;
  return (
    <Alert kind="error">
      {lost.map((profile) => (
        <Fragment key={profile.id}>
          <p>
            <strong>{profile.name}</strong> lost its connection to Facebook:{" "}
            {connectionProblem(profile.lastError ?? null)}.{" "}
            {status === "active"
              ? "This program's messages through it wait until it is reconnected."
              : "This program cannot be activated until it is reconnected."}
          </p>
          <p>
            <Link to={`/settings/channels/messenger/${profile.id}`}>Reconnect {profile.name}</Link>
          </p>
        </Fragment>
      ))}
    </Alert>
  );
}
