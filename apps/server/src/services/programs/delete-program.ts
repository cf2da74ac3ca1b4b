import { AccountScope, programs } from "@waymark/db";
import { dropHeldMessages } from "@waymark/engine";
import { and, eq, ne, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";
import { retryConflicts } from "../conflict-retry";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";

/**
 * Deletes a program with its activated versions; refused while it is active. Messages it held
 * while deactivated end as not sent, in the same transaction.
 */
export async function deleteProgram(deps: ServiceDeps, actor: Actor, id: string) {
  const deleted = await retryConflicts(
    () =>
      deps.db.transaction(async (tx) => {
        // Its profiles (and those of older versions' messages) first, in id order, as the engine
        // locks them before their messages: its transactions on them end before the delete
        // unlinks the messages, or start after it (else each waits for the other's: a deadlock).
        await tx.execute(sql`
        select p.id from messenger_profiles p
        where p.id in (select unnest(g.profile_ids) from programs g
            where g.id = ${id}::uuid and g.account_id = ${actor.accountId}::uuid
          union select m.profile_id from messenger_messages m
            where m.program_id = ${id}::uuid and m.account_id = ${actor.accountId}::uuid)
        order by p.id for update`);
        const scope = new AccountScope(tx, actor.accountId);
        const deletable = and(eq(programs.id, id), ne(programs.status, "active"));
        // Before the delete, which unlinks the messages from the program.
        if ((await scope.select(programs, deletable)).length > 0) await dropHeldMessages(tx, id);
        return scope.delete(programs, deletable);
      }),
    "Waymark is busy with this program's messages; try deleting it again in a moment",
  );
  if (deleted.length > 0) return;
  const { row } = await loadProgram(deps.db, actor, id);
  throw new ServiceError(
    409,
    "program_active",
    `'${row.name}' is active; deactivate it before deleting it`,
  );
}
