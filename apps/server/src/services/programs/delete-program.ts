import { AccountScope, programs } from "@waymark/db";
import { dropHeldMessages } from "@waymark/engine";
import { and, eq, ne } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";

/**
 * Deletes a program with its activated versions; refused while it is active. Messages it held
 * while deactivated end as not sent, in the same transaction.
 */
export async function deleteProgram(deps: ServiceDeps, actor: Actor, id: string) {
  const deleted = await deps.db.transaction(async (tx) => {
    const scope = new AccountScope(tx, actor.accountId);
    const deletable = and(eq(programs.id, id), ne(programs.status, "active"));
    // Before the delete, which unlinks the messages from the program.
    if ((await scope.select(programs, deletable)).length > 0) await dropHeldMessages(tx, id);
    return scope.delete(programs, deletable);
  });
  if (deleted.length > 0) return;
  const { row } = await loadProgram(deps.db, actor, id);
  throw new ServiceError(
    409,
    "program_active",
    `'${row.name}' is active; deactivate it before deleting it`,
  );
}
