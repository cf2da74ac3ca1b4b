import { z } from "zod";

/** The four data field types, in the order the UI offers them. */
export const FIELD_TYPES = ["text", "number", "date", "boolean"] as const;

/** A data field's type. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** The label shown to users for each field type. */
export const FIELD_TYPE_LABELS: Readonly<Record<FieldType, string>> = {
  text: "Text",
  number: "Number",
  date: "Date",
  boolean: "Yes/No",
};

/** Zod schema for a field type. */
export const fieldTypeSchema = z.enum(FIELD_TYPES, {
  error: "Choose a field type: text, number, date or boolean",
});

/** True when the value is one of the four field types. */
export function isFieldType(value: unknown): value is FieldType {
  return typeof value === "string" && (FIELD_TYPES as readonly string[]).includes(value);
}
