import { parse } from "csv-parse/browser/esm/sync";
import type { CsvEncoding } from "./csv-encoding";

export interface CsvPreview {
  columns: string[];
  sample: string[];
}

/** Reads the header row and the first data row from the start of a CSV file. */
export async function readCsvHeader(
  file: Blob,
  encoding: CsvEncoding = "utf-8",
): Promise<CsvPreview> {
  const text = new TextDecoder(encoding).decode(await file.slice(0, 64 * 1024).arrayBuffer());
  const records: string[][] = parse(text, {
    bom: true,
    to_line: 2,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const [header, first] = records;
  if (!header || header.every((c) => c.trim() === "")) {
    throw new Error("The file has no header row: its first line should name the columns.");
  }
  return { columns: header.map((c) => c.trim()), sample: first ?? [] };
}

/** The data field a column header most likely means, by name (EMAIL, FIRSTNAME …). */
export function guessTarget(column: string, fieldNames: string[]): string | null {
  const key = column.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (key === "EMAIL" || key === "EMAILADDRESS") return "EMAIL";
  return fieldNames.find((n) => n.replace(/_/g, "") === key) ?? null;
}

/** A valid new field name made from a column header. */
export function suggestFieldName(column: string): string {
  const cleaned = column
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const name = /^[A-Z]/.test(cleaned) ? cleaned : `F_${cleaned}`;
  return name.slice(0, 20);
}
