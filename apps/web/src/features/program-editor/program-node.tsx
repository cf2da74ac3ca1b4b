import { NODE_TYPE_LABELS, type NodeType, nodeName } from "@waymark/domain";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { DryRunNodeCounts } from "../dry-run/dry-run-node-counts";
import {
  MESSAGE_KINDS,
  type MessageKind,
  type NodeCounts,
  useNodeCounts,
} from "./activity-context";
import { useEditor, useFreeOutputs, useNodeIssues } from "./editor-context";
import type { FlowNode, NodeContent } from "./flow-types";
import { useOpenInsertMenu } from "./insert-menu";
import { nodeAriaLabel } from "./node-labels";
import { nodeSummary } from "./node-summary";

const BRANCH: Record<string, string> = { yes: " on Yes", no: " on No" };

import "./program-editor.css";

/** How one node looks on the canvas: its type, what it does, its problems and its handles. */
function NodeFrame({ id, content }: { id: string; content: NodeContent }) {
  const account = useEditor();
  const issues = useNodeIssues(id);
  const { counts, show } = useNodeCounts(id);
  const { type } = content;
  const free = useFreeOutputs(id);
  const open = useOpenInsertMenu();
  return (
    <div className={`program-node program-node-${type}${issues.length > 0 ? " has-issues" : ""}`}>
      {type !== "start" && <Handle type="target" position={Position.Top} />}
      <div className="program-node-header">
        <span className="program-node-type">{NODE_TYPE_LABELS[type]}</span>
        {issues.length > 0 && (
          <span className="program-node-issues" title={issues.map((i) => i.message).join("\n")}>
            <span aria-hidden="true">!</span> {issues.length}
            <span className="visually-hidden">
              {issues.length === 1 ? " problem" : " problems"}
            </span>
          </span>
        )}
      </div>
      <div className="program-node-name">{nodeName(content)}</div>
      {nodeSummary(content, account).map((line) => (
        <div key={line} className="program-node-line">
          {line}
        </div>
      ))}
      {counts && <NodeCountLinks id={id} name={nodeName(content)} counts={counts} show={show} />}
      <DryRunNodeCounts nodeId={id} nodeLabel={nodeName(content)} />
      {type === "decision" ? (
        <>
          <Handle type="source" id="yes" position={Position.Bottom} className="handle-yes" />
          <Handle type="source" id="no" position={Position.Bottom} className="handle-no" />
          <div className="decision-outputs" aria-hidden="true">
            <span>Yes</span>
            <span>No</span>
          </div>
        </>
      ) : (
        type !== "end" && <Handle type="source" position={Position.Bottom} />
      )}
      {!account.readOnly &&
        free.map((output) => (
          <button
            key={output}
            type="button"
            className={`insert-button add-after add-after-${output} nodrag nopan`}
            aria-label={`Add a step after ${nodeAriaLabel(content)}${BRANCH[output] ?? ""}`}
            aria-haspopup="menu"
            title="Add the next step"
            onKeyDown={(e) => {
              // Enter and Space press this button; they are not for the node around it.
              if (e.key === "Enter" || e.key === " ") e.stopPropagation();
            }}
            onClick={(e) => {
              e.stopPropagation();
              open({
                point: {
                  kind: "output",
                  nodeId: id,
                  handle: output === "yes" || output === "no" ? output : null,
                },
                anchor: e.currentTarget,
                label: "Add a step",
              });
            }}
          >
            <span aria-hidden="true">+</span>
          </button>
        ))}
    </div>
  );
}

const MESSAGE_WORDS: Record<MessageKind, [string, (n: number, name: string) => string]> = {
  sent: ["sent", (n, name) => `${n} contacts sent the message of ${name}`],
  delivered: ["delivered", (n, name) => `${n} contacts delivered the message of ${name}`],
  read: ["read", (n, name) => `${n} contacts read the message of ${name}`],
  warnings: ["warnings", (n, name) => `${n} warnings at ${name}: contacts not sent the message`],
  errors: ["errors", (n, name) => `${n} errors at ${name}: messages Facebook refused`],
};

/** Contacts at the node now and that left it; under a Messenger node, its messages by outcome. */
function NodeCountLinks(props: {
  id: string;
  name: string;
  counts: NodeCounts;
  show: ReturnType<typeof useNodeCounts>["show"];
}) {
  const { id, name, counts, show } = props;
  return (
    <div className="program-node-counts nodrag">
      <button
        type="button"
        className="link-button"
        aria-label={`${counts.now} contacts at ${name} now`}
        onClick={() => show(id, "now")}
      >
        {counts.now.toLocaleString()} now
      </button>
      <button
        type="button"
        className="link-button"
        aria-label={`${counts.passed} contacts passed through ${name}`}
        onClick={() => show(id, "passed")}
      >
        {counts.passed.toLocaleString()} passed
      </button>
      {counts.messages && (
        <div className="program-node-messages">
          {MESSAGE_KINDS.map((kind) => {
            const n = counts.messages?.[kind] ?? 0;
            const [word, label] = MESSAGE_WORDS[kind];
            return (
              <button
                key={kind}
                type="button"
                className={`link-button count-${kind}`}
                aria-label={label(n, name)}
                onClick={() => show(id, kind)}
              >
                {n.toLocaleString()} {word}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}

/**
 * Every node type's component. React Flow re-renders a node's wrapper whenever its position,
 * size or selection changes (each frame of a drag, each measurement); what a node shows
 * depends only on its id, type and data, so it is not rendered again unless those change.
 */
const ProgramNode = memo(
  function ProgramNode({ id, type, data }: NodeProps<FlowNode>) {
    return <NodeFrame id={id} content={{ type, data } as NodeContent} />;
  },
  (a, b) => a.id === b.id && a.type === b.type && a.data === b.data,
);

/** React Flow's node types, at module scope so they are created once. */
export const nodeTypes = {
  start: ProgramNode,
  messenger: ProgramNode,
  wait: ProgramNode,
  decision: ProgramNode,
  update_contact: ProgramNode,
  end: ProgramNode,
} satisfies Record<NodeType, unknown>;
