import type { StoredFieldValue } from "@waymark/db";
import {
  isStorableText,
  normaliseEmail,
  parseFieldValue,
  UNSTORABLE_TEXT_MESSAGE,
} from "@waymark/domain";
import { ServiceError } from "../../errors";
import type { FieldSpec } from "./field-values";

/** A mapped CSV column: where it is in a row and what it fills. */
export interface ImportColumn {
  index: number;
  target: string;
  field?: FieldSpec;
}

/** A row ready to write: its normalised email and its mapped, typed values. */
export interface PendingContact {
  email: string;
  values: Record<string, StoredFieldValue>;
  /** FBOPTIN_XXX field → PSID: not written, but matched to a Messenger subscriber to merge. */
  optIns?: Record<string, string>;
}

/** The mapped columns found in the header row; every mapped column must be there. */
export function readHeader(
  header: string[],
  mapping: Record<string, string | null>,
  fields: Map<string, FieldSpec>,
): ImportColumn[] {
  const names = header.map((h) => h.trim());
  const columns = names.flatMap((name, index) => {
    const target = mapping[name];
    return target
      ? [{ index, target, field: target === "EMAIL" ? undefined : fields.get(target) }]
      : [];
  });
  const missing = Object.entries(mapping).filter(([name, t]) => t && !names.includes(name));
  if (missing.length > 0) {
    throw new ServiceError(
      400,
      "invalid_request",
      `The file's header has no column ${missing.map(([n]) => `'${n}'`).join(", ")}`,
    );
  }
  return columns;
}

/** One data row checked against the mapping: a contact to write, or why it is rejected. */
export function checkRow(
  record: string[],
  columns: ImportColumn[],
  line: number,
): PendingContact | { email?: string; reason: string } {
  let email: string | undefined;
  const values: Record<string, StoredFieldValue> = {};
  const optIns: Record<string, string> = {};
  for (const column of columns) {
    const raw = record[column.index] ?? "";
    // Checked before parsing: PostgreSQL refuses a NUL anywhere, and error messages quote the cell.
    if (!isStorableText(raw))
      return { email, reason: `${column.target}: ${UNSTORABLE_TEXT_MESSAGE}` };
    if (column.target === "EMAIL") {
      const result = normaliseEmail(raw);
      if (!result.ok) return { reason: `EMAIL: ${result.message}` };
      email = result.email;
      continue;
    }
    if (raw.trim() === "" || !column.field) continue;
    if (column.field.system) {
      optIns[column.target] = raw.trim();
      continue;
    }
    const parsed = parseFieldValue(column.field.type, raw);
    if (!parsed.ok) return { email, reason: `${column.target}: ${parsed.message}` };
    values[column.target] = parsed.value;
  }
  if (!email) return { reason: `line ${line} has no EMAIL value` };
  return Object.keys(optIns).length > 0 ? { email, values, optIns } : { email, values };
}
