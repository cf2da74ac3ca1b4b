import { programVersions, type Queryable } from "@waymark/db";
import { type ProgramDocument, parseProgramDocument } from "@waymark/domain";
import { and, eq } from "drizzle-orm";

// Versions are immutable once written, so a process can keep them for its lifetime.
const cache = new Map<string, ProgramDocument | null>();

/** The document of a program version contacts are pinned to (null if it cannot be read). */
export async function programVersionDocument(
  db: Queryable,
  programId: string,
  version: number,
): Promise<ProgramDocument | null> {
  const key = `${programId}:${version}`;
  if (cache.has(key)) return cache.get(key)!;
  const [row] = await db
    .select({ document: programVersions.document })
    .from(programVersions)
    .where(and(eq(programVersions.programId, programId), eq(programVersions.version, version)));
  const parsed = row ? parseProgramDocument(row.document) : null;
  const document = parsed?.ok ? parsed.document : null;
  if (row) cache.set(key, document);
  return document;
}
