import { useEditor } from "../editor-context";
import type { FlowNodeOf, NodeDataOf } from "../flow-types";
import { SelectField } from "./select-field";
import { TypedValueInput } from "./typed-value-input";

/** Update contact: sets one data field (system opt-in fields cannot be set). */
export function UpdateContactPanel({ node }: { node: FlowNodeOf<"update_contact"> }) {
  const { store, fields } = useEditor();
  const set = (patch: Partial<NodeDataOf<"update_contact">>, key?: string) =>
    store.updateNode(
      node.id,
      (n) => (n.type === "update_contact" ? { ...n, data: { ...n.data, ...patch } } : n),
      key && `${node.id}:${key}`,
    );
  const editable = fields.filter((f) => !f.system);
  const field = fields.find((f) => f.name === node.data.field);
  return (
    <>
      <SelectField
        label="Data field"
        value={node.data.field}
        onChange={(e) => set({ field: e.target.value, value: "" })}
      >
        <option value="">Choose a field…</option>
        {node.data.field !== "" && !editable.some((f) => f.name === node.data.field) && (
          <option value={node.data.field}>{node.data.field} (not editable)</option>
        )}
        {editable.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <TypedValueInput
        label="New value"
        fieldType={field?.type}
        value={node.data.value}
        allowEmpty
        hint="Leave it empty to clear the contact's value."
        onChange={(value) => set({ value }, "value")}
      />
    </>
  );
}
