import { programVersions, type Queryable } from "@waymark/db";
import { type ProgramDocument, parseProgramDocument } from "@waymark/domain";
import { and, eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";

/** Program versions one process keeps parsed; the least recently used go past this. */
export const PROGRAM_CACHE_SIZE = 1_000;

// Versions are immutable once written, so a kept one never goes stale; the bound keeps a
// long-running process's memory flat however many versions it has met. Unreadable ones are
// kept as `{ document: null }` (the cache holds no nullish values).
const cache = new LRUCache<string, { document: ProgramDocument | null }>({
  max: PROGRAM_CACHE_SIZE,
});
const readsMessenger = new WeakMap<ProgramDocument, boolean>();

/** The document of a program version contacts are pinned to (null if it cannot be read). */
export async function programVersionDocument(
  db: Queryable,
  programId: string,
  version: number,
): Promise<ProgramDocument | null> {
  const key = `${programId}:${version}`;
  const kept = cache.get(key);
  if (kept) return kept.document;
  const [row] = await db
    .select({ document: programVersions.document })
    .from(programVersions)
    .where(and(eq(programVersions.programId, programId), eq(programVersions.version, version)));
  const parsed = row ? parseProgramDocument(row.document) : null;
  const document = parsed?.ok ? parsed.document : null;
  if (row) cache.set(key, { document });
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
