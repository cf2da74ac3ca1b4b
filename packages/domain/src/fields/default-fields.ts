import type { FieldDefinition } from "./field-definition";

/** The data fields every new account starts with. */
export const DEFAULT_FIELDS: readonly FieldDefinition[] = [
  { name: "FIRSTNAME", type: "text", defaultValue: null },
  { name: "LASTNAME", type: "text", defaultValue: null },
  { name: "FULLNAME", type: "text", defaultValue: null },
];
