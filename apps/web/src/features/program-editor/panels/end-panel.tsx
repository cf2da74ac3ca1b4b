import { PROGRAM_LIMITS } from "@waymark/domain";
import { Field } from "../../../ui/field";
import { useEditor } from "../editor-context";
import type { FlowNodeOf } from "../flow-types";

/** End: the outcome recorded for contacts who finish here. */
export function EndPanel({ node }: { node: FlowNodeOf<"end"> }) {
  const { store } = useEditor();
  return (
    <Field
      label="Outcome name"
      value={node.data.outcome}
      maxLength={PROGRAM_LIMITS.maxOutcomeLength}
      hint="Recorded as the contact's outcome when they reach this End node."
      onChange={(e) => {
        const outcome = e.target.value;
        store.updateNode(
          node.id,
          (n) => (n.type === "end" ? { ...n, data: { outcome } } : n),
          `${node.id}:outcome`,
        );
      }}
    />
  );
}
