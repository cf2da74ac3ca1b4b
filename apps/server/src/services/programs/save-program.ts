import { AccountScope, programs } from "@waymark/db";
import type { LiveEditChoices } from "@waymark/domain";
import { eq, sql } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";
import { applyLiveEdit } from "./live-edit";
import { authorOf, loadProgram } from "./load-program";
import { programActive, staleVersion } from "./program-errors";
import { requireProgramName } from "./program-name";
import { presentProgram } from "./program-view";
import { programWriteColumns } from "./program-write";
import { requireProgramDocument } from "./require-program-document";

/** A save: the version the client edited, the new document and optionally a new name. */
export interface SaveProgramInput {
  version: number;
  document: unknown;
  name?: string;
  /** For a program with contacts in it: where a removed node's contacts go, whom a Wait's new duration applies to. */
  liveEdits?: LiveEditChoices;
}

/**
 * Saves a draft or deactivated program with optimistic concurrency: in one transaction with
 * the row locked, the write happens only if the stored version is still the one the client
 * edited, and bumps it. Drafts may be invalid. An edit that would strand contacts of a
 * deactivated program is refused until the client says what happens to them.
 */
export async function saveProgram(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: SaveProgramInput,
) {
  const name = input.name === undefined ? undefined : requireProgramName(input.name);
  const document = requireProgramDocument(input.document);
  return deps.db.transaction(async (tx) => {
    const { row } = await loadProgram(tx, actor, id, true);
    if (row.status === "active") throw programActive();
    if (row.version !== input.version) throw staleVersion(row.version);
    if (row.status === "deactivated") {
      await applyLiveEdit(tx, row, document, input.liveEdits ?? {}, deps.now());
    }
    const [saved] = await tx
      .update(programs)
      .set({
        ...(name !== undefined && { name }),
        ...programWriteColumns(document, actor.accountId),
        version: sql`${programs.version} + 1`,
        updatedAt: deps.now(),
        updatedByUserId: actor.userId,
      })
      .where(new AccountScope(tx, actor.accountId).where(programs, eq(programs.id, id)))
      .returning();
    return presentProgram(saved!, await authorOf(tx, actor.userId));
  });
}
