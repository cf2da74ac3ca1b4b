import { AccountScope, programs } from "@waymark/db";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";
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
}

/**
 * Saves a draft or deactivated program with optimistic concurrency: the write happens only if
 * the stored version is still the one the client edited (one conditional UPDATE, so two
 * concurrent saves of the same version cannot both win), and bumps it. Drafts may be invalid.
 */
export async function saveProgram(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: SaveProgramInput,
) {
  const name = input.name === undefined ? undefined : requireProgramName(input.name);
  const document = requireProgramDocument(input.document);
  const scope = new AccountScope(deps.db, actor.accountId);
  const updated = await deps.db
    .update(programs)
    .set({
      ...(name !== undefined && { name }),
      ...programWriteColumns(document, actor.accountId),
      version: sql`${programs.version} + 1`,
      updatedAt: deps.now(),
      updatedByUserId: actor.userId,
    })
    .where(
      scope.where(
        programs,
        and(
          eq(programs.id, id),
          eq(programs.version, input.version),
          ne(programs.status, "active"),
        ),
      ),
    )
    .returning();
  const [saved] = updated;
  if (saved) return presentProgram(saved, await authorOf(deps.db, actor.userId));
  const { row } = await loadProgram(deps.db, actor, id);
  if (row.status === "active") throw programActive();
  throw staleVersion(row.version);
}
