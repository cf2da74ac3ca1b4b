import type { FieldType } from "./field-type";
import type { FieldValueResult } from "./field-value";
import { parseFieldValue } from "./parse-field-value";

/**
 * Checks a value from a JSON body (API, CSV) for a field: the stored JSON form
 * (number, boolean, "YYYY-MM-DD") or the text a user would type are both accepted.
 */
export function parseFieldInput(type: FieldType, input: unknown): FieldValueResult {
  if (typeof input === "string") return parseFieldValue(type, input);
  if (type === "number" && typeof input === "number" && Number.isFinite(input)) {
    return { ok: true, value: input === 0 ? 0 : input };
  }
  if (type === "boolean" && typeof input === "boolean") return { ok: true, value: input };
  const expected = {
    text: "text",
    number: "a number",
    date: "a date as YYYY-MM-DD",
    boolean: "true or false",
  }[type];
  return { ok: false, message: `Expected ${expected}, got ${describe(input)}` };
}

function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "number") return Number.isFinite(input) ? "a number" : String(input);
  return typeof input === "object" ? "an object" : `a ${typeof input}`;
}
