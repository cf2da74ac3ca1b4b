import { useId } from "react";
import { useEditor } from "../editor-context";
import type { FlowNodeOf, NodeDataOf } from "../flow-types";
import { SelectField } from "./select-field";

/** Start: where contacts come from — a list, the public API, or both. */
export function StartPanel({ node }: { node: FlowNodeOf<"start"> }) {
  const { store, lists } = useEditor();
  const checkboxId = useId();
  const set = (patch: Partial<NodeDataOf<"start">>) =>
    store.updateNode(node.id, (n) =>
      n.type === "start" ? { ...n, data: { ...n.data, ...patch } } : n,
    );
  const { listId, allowApi } = node.data;
  const missing = listId !== null && !lists.some((l) => l.id === listId);
  return (
    <>
      <SelectField
        label="Enrol contacts from list"
        value={listId ?? ""}
        onChange={(e) => set({ listId: e.target.value === "" ? null : e.target.value })}
        hint="Its contacts are enrolled when the program is activated, and so are contacts added to it later."
      >
        <option value="">No list</option>
        {missing && <option value={listId}>Deleted list</option>}
        {lists.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <div className="checkbox-field">
        <input
          id={checkboxId}
          type="checkbox"
          checked={allowApi}
          onChange={(e) => set({ allowApi: e.target.checked })}
        />
        <label htmlFor={checkboxId}>Contacts enrolled through the API</label>
      </div>
    </>
  );
}
