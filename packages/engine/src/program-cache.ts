import { programVersions, type Queryable } from "@waymark/db";
import { type ProgramDocument, parseProgramDocument } from "@waymark/domain";
import { and, eq } from "drizzle-orm";

// Versions are immutable once written, so a process can keep them for its lifetime.
const cache = new Map<string, ProgramDocument | null>();
const readsMessenger = new WeakMap<ProgramDocument, boolean>();

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

/**
 * Whether a program's decisions read contacts' Messenger state (a Messenger node, or a
 * Decision on "has opted in"); the engine loads that state only for contacts of such programs.
 */
export function readsMessengerState(document: ProgramDocument): boolean {
  let reads = readsMessenger.get(document);
  if (reads === undefined) {
    reads = document.nodes.some(
      (node) =>
        node.type === "messenger" || (node.type === "decision" && node.data.rule.kind !== "field"),
    );
    readsMessenger.set(document, reads);
  }
  return reads;
}
