import { type NodeType, nodeName } from "@waymark/domain";
import { memo } from "react";
import { useEditor, useEditorState } from "../editor-context";
import { nodesReaching } from "../graph-edits";
import { describeNode } from "../node-labels";
import { SelectField } from "./select-field";

const OUTPUTS = {
  decision: [
    { handle: "yes", label: "Yes leads to" },
    { handle: "no", label: "No leads to" },
  ],
  single: [{ handle: null, label: "Next step" }],
} as const;

/**
 * Where each output of the node leads, as selects: the keyboard way to connect nodes (the
 * same as dragging from a handle; a step that would make a loop cannot be chosen).
 */
export const OutputsPanel = memo(function OutputsPanel(props: {
  nodeId: string;
  nodeType: NodeType;
}) {
  const { nodeId, nodeType } = props;
  const { store } = useEditor();
  // Connections and names change only with the document (its revision), not during a drag.
  useEditorState(store, (s) => s.revision);
  const { nodes, edges } = store.getState().history.present;
  if (nodeType === "end") return null;
  const node = { id: nodeId };
  const outputs = nodeType === "decision" ? OUTPUTS.decision : OUTPUTS.single;
  const targets = nodes.filter((n) => n.type !== "start" && n.id !== node.id);
  return (
    <fieldset className="outputs">
      <legend>Connections</legend>
      {outputs.map(({ handle, label }) => {
        const current = edges.find((e) => e.source === node.id && e.sourceHandle === handle);
        const looping = nodesReaching(
          edges.filter((e) => e !== current),
          node.id,
        );
        return (
          <SelectField
            key={label}
            label={label}
            value={current?.target ?? ""}
            onChange={(e) =>
              e.target.value === ""
                ? store.disconnect(node.id, handle)
                : store.connect({
                    source: node.id,
                    sourceHandle: handle,
                    target: e.target.value,
                    targetHandle: null,
                  })
            }
          >
            <option value="">Not connected</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id} disabled={looping.has(t.id)}>
                {`${nodeName(t)}: ${describeNode(t)}`}
              </option>
            ))}
          </SelectField>
        );
      })}
    </fieldset>
  );
});
