import type { FieldDefinition } from "../fields/field-definition";
import { parseFieldInput } from "../fields/parse-field-input";
import { isSystemFieldName } from "../fields/system-field-name";
import type { UpdateContactNode } from "../program/nodes/update-contact-node";
import type { StepEffect } from "./step-effect";

/**
 * Decides the write of an Update contact node: set_field (null clears the field), or a warning
 * when the field was deleted or the value no longer fits its type since the program was saved.
 */
export function decideUpdateContact(
  node: UpdateContactNode,
  fields: ReadonlyMap<string, FieldDefinition>,
): StepEffect {
  const { field: name, value } = node.data;
  const field = fields.get(name);
  if (!field) {
    return { type: "warning", profileId: null, reason: `data field '${name}' does not exist` };
  }
  if (isSystemFieldName(name)) {
    return {
      type: "warning",
      profileId: null,
      reason: `data field '${name}' is set by the system`,
    };
  }
  if (value === "") return { type: "set_field", field: name, value: null };
  const parsed = parseFieldInput(field.type, value);
  if (!parsed.ok) {
    return {
      type: "warning",
      profileId: null,
      reason: `value for '${name}' does not fit its type: ${parsed.message}`,
    };
  }
  return { type: "set_field", field: name, value: parsed.value };
}
