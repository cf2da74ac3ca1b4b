import type { programs } from "@waymark/db";
import { type ProgramDocument, parseProgramDocument } from "@waymark/domain";
import { ServiceError } from "../../errors";

type ProgramRow = typeof programs.$inferSelect;
type SummaryRow = Pick<
  ProgramRow,
  "id" | "name" | "status" | "version" | "createdAt" | "updatedAt"
>;

/** Who last changed a program: a user, or null when it was the public API. */
export interface ProgramAuthor {
  id: string;
  email: string;
}

/** A program as the list shows it. */
export function presentProgramSummary(row: SummaryRow, updatedBy: ProgramAuthor | null) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    updatedBy,
  };
}
export type ProgramSummaryView = ReturnType<typeof presentProgramSummary>;

/** A program with its document, migrated to the current schema version. */
export function presentProgram(row: ProgramRow, updatedBy: ProgramAuthor | null) {
  return { ...presentProgramSummary(row, updatedBy), document: readDocument(row) };
}
export type ProgramView = ReturnType<typeof presentProgram>;

/** The stored document, current version; documents are checked on write, so this holds. */
export function readDocument(row: { id: string; document: unknown }): ProgramDocument {
  const parsed = parseProgramDocument(row.document);
  if (!parsed.ok) {
    throw new ServiceError(
      500,
      "program_unreadable",
      `Program ${row.id} has a stored document this version of Waymark cannot read`,
    );
  }
  return parsed.document;
}
