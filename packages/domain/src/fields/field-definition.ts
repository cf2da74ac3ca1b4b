import type { FieldType } from "./field-type";
import type { FieldValue } from "./field-value";

/** A data field of an account: its name, type and optional default value for personalisation. */
export interface FieldDefinition {
  readonly name: string;
  readonly type: FieldType;
  readonly defaultValue?: FieldValue | null;
}
