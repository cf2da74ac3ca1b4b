import type { StoredFieldValue } from "@waymark/db";
import { type FieldType, parseFieldInput } from "@waymark/domain";
import { ServiceError } from "../../errors";

export interface FieldSpec {
  name: string;
  type: FieldType;
  system: boolean;
}

/**
 * Checks submitted values against the account's fields: unknown and system fields are refused,
 * each value must fit its type; `null` or "" clears a value. Errors name the field.
 */
export function checkFieldValues(
  fields: ReadonlyMap<string, FieldSpec>,
  input: Record<string, unknown>,
  options: { allowSystem?: boolean } = {},
): { set: Record<string, StoredFieldValue>; clear: string[] } {
  const set: Record<string, StoredFieldValue> = {};
  const clear: string[] = [];
  const errors: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const field = fields.get(name);
    if (!field) {
      errors[`values.${name}`] = `there is no data field called ${name}`;
      continue;
    }
    if (field.system && !options.allowSystem) {
      errors[`values.${name}`] = `${name} is set by Waymark and cannot be edited`;
      continue;
    }
    if (raw === null || raw === "") {
      clear.push(name);
      continue;
    }
    const parsed = parseFieldInput(field.type, raw);
    if (parsed.ok) set[name] = parsed.value;
    else errors[`values.${name}`] = parsed.message;
  }
  if (Object.keys(errors).length > 0) {
    const [path, message] = Object.entries(errors)[0]!;
    throw new ServiceError(400, "invalid_request", `${path}: ${message}`, { fields: errors });
  }
  return { set, clear };
}
