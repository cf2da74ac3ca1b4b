import { fieldLabel } from "./field-label";
import type { FieldType } from "./field-type";

const EXPECTED: Readonly<Record<Exclude<FieldType, "text">, string>> = {
  number: "a number",
  date: "a date (YYYY-MM-DD)",
  boolean: "Yes or No",
};

/**
 * One sentence saying, by the field's label, why a value was refused; `detail` is the parser's
 * message. Typed fields say what they must be; text fields say what is wrong.
 * @example fieldValueProblem("LOYALTY_POINTS", "number", "…") // "Loyalty points must be a number"
 */
export function fieldValueProblem(name: string, type: FieldType, detail: string): string {
  const label = fieldLabel(name);
  if (type === "text") return `${label}: ${detail}`;
  return `${label} must be ${EXPECTED[type]}`;
}
