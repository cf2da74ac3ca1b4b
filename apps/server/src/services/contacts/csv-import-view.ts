import { AccountScope, contactImports } from "@waymark/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";

type ImportRow = typeof contactImports.$inferSelect;

export function presentImport(row: ImportRow) {
  return {
    id: row.id,
    listId: row.listId,
    fileName: row.fileName,
    encoding: row.encoding,
    status: row.status,
    totalBytes: row.totalBytes,
    processedBytes: row.processedBytes,
    rowsRead: row.rowsRead,
    created: row.created,
    updated: row.updated,
    invalid: row.invalid,
    duplicates: row.duplicates,
    errors: row.errors,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
export type ImportView = ReturnType<typeof presentImport>;

/** An import's progress or final report. */
export async function getImport(deps: ServiceDeps, actor: Actor, id: string) {
  const [row] = await new AccountScope(deps.db, actor.accountId).select(
    contactImports,
    eq(contactImports.id, id),
  );
  if (!row) throw notFound("Import");
  return presentImport(row);
}
