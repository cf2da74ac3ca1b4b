import type { FieldType } from "./field-type";
import type { FieldValue } from "./field-value";
import { toFieldValue } from "./to-field-value";

/**
 * Renders a stored value as text for display and personalisation: dates YYYY-MM-DD, booleans Yes/No.
 * Never throws: a value that does not fit the type is shown as plain text.
 */
export function formatFieldValue(type: FieldType, value: FieldValue | null | undefined): string {
  if (value === null || value === undefined) return "";
  const typed = toFieldValue(type, value);
  if (typed === undefined) return String(value);
  if (typeof typed === "boolean") return typed ? "Yes" : "No";
  return String(typed);
}
