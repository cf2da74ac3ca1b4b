import type { StoredFieldValue } from "@waymark/db";
import { type FieldType, fieldLabel, fieldValueProblem, parseFieldInput } from "@waymark/domain";
import { invalidFields } from "../../errors";

export interface FieldSpec {
  name: string;
  type: FieldType;
  system: boolean;
}

/**
 * Checks submitted values against the account's fields: unknown and system fields are refused,
 * each value must fit its type; `null` or "" clears a value. Errors are keyed `values.NAME` and
 * say what is wrong by the field's label ("Loyalty points must be a number").
 */
export function checkFieldValues(
  fields: ReadonlyMap<string, FieldSpec>,
  input: Record<string, unknown>,
  options: { allowSystem?: boolean } = {},
): { set: Record<string, StoredFieldValue>; clear: string[] } {
  const set: Record<string, StoredFieldValue> = {};
  const clear: string[] = [];
  const errors: Record<string, string> = {};
  let summary: string | undefined;
  const refuse = (name: string, message: string, sentence: string) => {
    errors[`values.${name}`] = message;
    summary ??= sentence;
  };
  for (const [name, raw] of Object.entries(input)) {
    const field = fields.get(name);
    if (!field) {
      const message = `There is no data field called ${name}`;
      refuse(name, message, message);
      continue;
    }
    if (field.system && !options.allowSystem) {
      const message = `${fieldLabel(name)} is set by Waymark and cannot be edited`;
      refuse(name, message, message);
      continue;
    }
    if (raw === null || raw === "") {
      clear.push(name);
      continue;
    }
    const parsed = parseFieldInput(field.type, raw);
    if (parsed.ok) set[name] = parsed.value;
    else refuse(name, parsed.message, fieldValueProblem(name, field.type, parsed.message));
  }
  if (summary) throw invalidFields(errors, summary);
  return { set, clear };
}
