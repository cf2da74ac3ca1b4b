import { PROGRAM_LIMITS, WAIT_UNITS } from "@waymark/domain";
import { useEditor } from "../editor-context";
import type { FlowNodeOf, NodeDataOf } from "../flow-types";
import { SelectField } from "./select-field";

const UNIT_LABELS = { minutes: "Minutes", hours: "Hours", days: "Days" } as const;

/** Wait: how long contacts stay before moving on. */
export function WaitPanel({ node }: { node: FlowNodeOf<"wait"> }) {
  const { store } = useEditor();
  const set = (patch: Partial<NodeDataOf<"wait">>, key?: string) =>
    store.updateNode(
      node.id,
      (n) => (n.type === "wait" ? { ...n, data: { ...n.data, ...patch } } : n),
      key && `${node.id}:${key}`,
    );
  const onAmount = (raw: string) => {
    const amount = Number.parseInt(raw, 10);
    const bounded = Number.isFinite(amount)
      ? Math.min(Math.max(amount, 0), PROGRAM_LIMITS.maxWaitAmount)
      : 0;
    set({ amount: bounded }, "amount");
  };
  return (
    <div className="row">
      <div className="field">
        <label htmlFor={`${node.id}-amount`}>Wait for</label>
        <input
          id={`${node.id}-amount`}
          type="number"
          min={1}
          max={PROGRAM_LIMITS.maxWaitAmount}
          step={1}
          value={node.data.amount}
          onChange={(e) => onAmount(e.target.value)}
        />
      </div>
      <SelectField
        label="Unit"
        value={node.data.unit}
        onChange={(e) => {
          const unit = WAIT_UNITS.find((u) => u === e.target.value);
          if (unit) set({ unit });
        }}
      >
        {WAIT_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {UNIT_LABELS[unit]}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
