import type { ProgramIssue } from "@waymark/domain";
import { useReactFlow } from "@xyflow/react";
import { useState } from "react";
import { Link } from "react-router";
import { useEditor } from "./editor-context";
import type { FlowEdge, FlowNode } from "./flow-types";
import { useProgramLints } from "./panels/use-program-lints";

/** How many problems are listed before "Show all" (a broken import can have hundreds). */
const SHOWN = 30;

/**
 * Every problem that blocks activation, then the warnings that do not (Messenger lints);
 * choosing one selects its node and centres it, and a profile at fault is a link to it.
 */
export function IssuesList({
  issues,
  status,
}: {
  issues: readonly ProgramIssue[];
  status: "draft" | "active" | "deactivated";
}) {
  const { store, profiles } = useEditor();
  const lints = useProgramLints();
  const warnings = lints.data?.warnings ?? [];
  const [all, setAll] = useState(false);
  const shown = all ? issues : issues.slice(0, SHOWN);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const focus = (nodeId: string) => {
    store.select(new Set([nodeId]));
    const node = flow.getNode(nodeId);
    if (!node) return;
    const width = node.measured?.width ?? 220;
    const height = node.measured?.height ?? 64;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
      zoom: Math.max(flow.getZoom(), 1),
      duration: 300,
    });
  };
  return (
    <section className="issues" aria-labelledby="issues-title">
      <h2 id="issues-title" className="editor-section-title">
        {issues.length === 0
          ? "No problems"
          : `${issues.length} ${issues.length === 1 ? "problem" : "problems"} to fix before activating`}
      </h2>
      {issues.length === 0 ? (
        <p className="hint">
          {status === "active"
            ? "The program is active."
            : status === "deactivated"
              ? "The program can be activated again."
              : "The program can be activated."}
        </p>
      ) : (
        <ul className="issue-list">
          {shown.map((issue, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id; the list is rebuilt on every edit.
            <li key={i}>
              {issue.nodeId ? (
                <button type="button" className="issue-link" onClick={() => focus(issue.nodeId!)}>
                  {issue.message}
                </button>
              ) : (
                <span>{issue.message}</span>
              )}
              {issue.profileId && <ProfileLink id={issue.profileId} profiles={profiles} />}
            </li>
          ))}
        </ul>
      )}
      {shown.length < issues.length && (
        <button type="button" className="button small" onClick={() => setAll(true)}>
          Show all {issues.length} problems
        </button>
      )}
      {warnings.length > 0 && (
        <>
          <h3 id="warnings-title" className="editor-section-title">
            {warnings.length} {warnings.length === 1 ? "warning" : "warnings"}, not blocking
            activation
          </h3>
          <ul className="issue-list warning-list" aria-labelledby="warnings-title">
            {warnings.map((warning) => (
              <li key={`${warning.nodeId}-${warning.code}-${warning.field ?? ""}`}>
                <button type="button" className="issue-link" onClick={() => focus(warning.nodeId)}>
                  {warning.message}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ProfileLink({
  id,
  profiles,
}: {
  id: string;
  profiles: readonly { id: string; name: string }[];
}) {
  const profile = profiles.find((p) => p.id === id);
  if (!profile) return null;
  return (
    <>
      {" "}
      <Link to={`/settings/channels/messenger/${id}`}>Open profile {profile.name}</Link>
    </>
  );
}
