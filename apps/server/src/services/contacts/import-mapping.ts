import { storableText } from "@waymark/domain";
import { z } from "zod";

/** What to do with each CSV column: "EMAIL", a data field name, or null to ignore it. */
export const importMappingSchema = z.record(
  storableText().max(200),
  storableText().max(40).nullable(),
);

/** How the file's bytes are text: UTF-8, or Windows-1252 (Excel's "CSV" on Western Windows). */
export const csvEncodingSchema = z.enum(["utf-8", "windows-1252"]);
export type CsvEncoding = z.infer<typeof csvEncodingSchema>;

/** Starting an import: where the contacts go, how columns map, fields to create first. */
export const startImportInput = z.strictObject({
  fileName: storableText().trim().min(1, "is required").max(255),
  totalBytes: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  listId: z.uuid({ error: "must be a list id" }).optional(),
  newListName: storableText().trim().min(1, "is required").max(100).optional(),
  mapping: importMappingSchema,
  encoding: csvEncodingSchema.default("utf-8"),
  createFields: z
    .array(
      z.strictObject({
        name: storableText().trim().min(1).max(40),
        type: z.enum(["text", "number", "date", "boolean"]),
      }),
    )
    .max(100)
    .default([]),
});
export type StartImportInput = z.infer<typeof startImportInput>;
