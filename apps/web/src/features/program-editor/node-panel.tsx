import { NODE_TYPE_LABELS, PROGRAM_LIMITS } from "@waymark/domain";
import { useEditor, useEditorState, useNodeIssues } from "./editor-context";
import type { EditorState } from "./editor-store";
import type { FlowNode } from "./flow-types";
import { DecisionPanel } from "./panels/decision-panel";
import { EndPanel } from "./panels/end-panel";
import { MessengerPanel } from "./panels/messenger-panel";
import { OutputsPanel } from "./panels/outputs-panel";
import { StartPanel } from "./panels/start-panel";
import { UpdateContactPanel } from "./panels/update-contact-panel";
import { WaitPanel } from "./panels/wait-panel";

function NodeSettings({ node }: { node: FlowNode }) {
  switch (node.type) {
    case "start":
      return <StartPanel node={node} />;
    case "messenger":
      return <MessengerPanel node={node} />;
    case "wait":
      return <WaitPanel node={node} />;
    case "decision":
      return <DecisionPanel node={node} />;
    case "update_contact":
      return <UpdateContactPanel node={node} />;
    case "end":
      return <EndPanel node={node} />;
  }
}

/** The node's name, as the canvas, pickers, drill-downs and statistics show it. */
function NodeNameField({ node }: { node: FlowNode }) {
  const { store } = useEditor();
  return (
    <div className="field">
      <label htmlFor={`${node.id}-name`}>Node name</label>
      <input
        id={`${node.id}-name`}
        value={node.data.name ?? ""}
        maxLength={PROGRAM_LIMITS.maxNodeNameLength}
        placeholder={NODE_TYPE_LABELS[node.type]}
        onChange={(e) => {
          const name = e.target.value;
          store.updateNode(
            node.id,
            (n) => ({ ...n, data: { ...n.data, name } }) as FlowNode,
            `${node.id}:name`,
          );
        }}
      />
    </div>
  );
}

function NodeProblems({ id }: { id: string }) {
  const issues = useNodeIssues(id);
  if (issues.length === 0) return null;
  return (
    <ul className="node-problems" aria-label="Problems with this node">
      {issues.map((issue) => (
        <li key={`${issue.code}-${issue.edgeId ?? ""}-${issue.message}`}>{issue.message}</li>
      ))}
    </ul>
  );
}

const selectionKey = (state: EditorState) => {
  let key = "";
  for (const n of state.history.present.nodes) if (n.selected) key += `${key ? "\n" : ""}${n.id}`;
  return key;
};
const nodeById = (state: EditorState, id: string) =>
  state.history.present.nodes.find((n) => n.id === id);

/** The selected node's settings; re-renders when its data changes, not while it is dragged. */
function SelectedNode({ id }: { id: string }) {
  const { store, readOnly } = useEditor();
  const data = useEditorState(store, (s) => nodeById(s, id)?.data);
  const node = nodeById(store.getState(), id);
  if (!node || !data) return null;
  return (
    <>
      <NodeProblems id={node.id} />
      <fieldset className="node-settings" disabled={readOnly} key={node.id}>
        <legend className="visually-hidden">{NODE_TYPE_LABELS[node.type]} settings</legend>
        <NodeNameField node={node} />
        <NodeSettings node={node} />
        <OutputsPanel nodeId={node.id} nodeType={node.type} />
      </fieldset>
    </>
  );
}

/** The side panel: settings of the selected node, or what to do with several. */
export function NodePanel() {
  const { store, readOnly } = useEditor();
  const key = useEditorState(store, selectionKey);
  const ids = key === "" ? [] : key.split("\n");
  const single = ids.length === 1 ? nodeById(store.getState(), ids[0]!) : undefined;
  return (
    <section className="node-panel" aria-labelledby="node-panel-title">
      <h2 id="node-panel-title" className="editor-section-title">
        {single
          ? `${NODE_TYPE_LABELS[single.type]} node`
          : ids.length > 1
            ? `${ids.length} nodes selected`
            : "Node settings"}
      </h2>
      {ids.length === 0 && (
        <p className="hint">
          Click a node to configure it. Shift-click or Shift-drag to select several; Ctrl+C and
          Ctrl+V copy and paste them, also into another program.
        </p>
      )}
      {single && <SelectedNode id={single.id} key={single.id} />}
      {!readOnly && ids.length > 0 && (
        <div className="row node-actions">
          <button type="button" className="button small" onClick={() => store.duplicateSelection()}>
            Duplicate
          </button>
          <button
            type="button"
            className="button small danger"
            onClick={() => store.deleteSelection()}
          >
            {ids.length === 1 ? "Delete node" : "Delete nodes"}
          </button>
        </div>
      )}
    </section>
  );
}
