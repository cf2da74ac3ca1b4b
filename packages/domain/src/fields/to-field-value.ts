import type { FieldType } from "./field-type";
import type { FieldValue } from "./field-value";
import { parseFieldValue } from "./parse-field-value";

/**
 * Reads a value as the given field type, accepting either its stored JSON form or text;
 * undefined when it is empty or does not fit, so callers can treat it as "no value".
 */
export function toFieldValue(type: FieldType, value: unknown): FieldValue | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  switch (type) {
    case "text":
      return typeof value === "string" ? value : undefined;
    case "number":
      if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
      break;
    case "boolean":
      if (typeof value === "boolean") return value;
      break;
    case "date":
      break;
  }
  if (typeof value !== "string") return undefined;
  const parsed = parseFieldValue(type, value);
  return parsed.ok ? parsed.value : undefined;
}
