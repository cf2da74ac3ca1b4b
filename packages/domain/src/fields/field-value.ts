/**
 * A stored data field value, as a JSON value: text → string, number → finite number,
 * date → "YYYY-MM-DD" string, boolean → true/false. "No value" is null or absent, never "".
 */
export type FieldValue = string | number | boolean;

/** A contact's values by field name; absent or null means the contact has no value. */
export type FieldValues = Readonly<Record<string, FieldValue | null | undefined>>;

/** The outcome of turning user input into a stored field value. */
export type FieldValueResult = { ok: true; value: FieldValue } | { ok: false; message: string };
