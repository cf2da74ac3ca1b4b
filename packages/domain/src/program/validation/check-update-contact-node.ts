import { parseFieldInput } from "../../fields/parse-field-input";
import { isSystemFieldName } from "../../fields/system-field-name";
import type { UpdateContactNode } from "../nodes/update-contact-node";
import type { ProgramIssue } from "./program-issue";
import type { IndexedContext } from "./validation-context";

/** Checks that an Update contact node writes an existing, editable field with a fitting value. */
export function checkUpdateContactNode(
  node: UpdateContactNode,
  context: IndexedContext,
): ProgramIssue[] {
  const { field: name, value } = node.data;
  const nodeId = node.id;
  if (name === "") {
    return [
      { code: "update_field_missing", nodeId, message: "Choose the data field this node updates" },
    ];
  }
  if (isSystemFieldName(name)) {
    return [
      {
        code: "update_field_system",
        nodeId,
        message: `${name} is set by the system when a contact opts in to Messenger and cannot be changed; choose another field`,
      },
    ];
  }
  const field = context.fields.get(name);
  if (!field) {
    return [
      {
        code: "update_field_unknown",
        nodeId,
        message: `Data field '${name}' does not exist; choose another field`,
      },
    ];
  }
  if (value === "") return [];
  const parsed = parseFieldInput(field.type, value);
  if (parsed.ok) return [];
  return [
    {
      code: "update_value_invalid",
      nodeId,
      message: `The value for ${name} does not fit its type: ${parsed.message}`,
    },
  ];
}
