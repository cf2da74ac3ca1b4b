import { rowsOf, type Transaction } from "@waymark/db";
import { WARNING_REASONS } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { countMoves } from "./count-moves";
import { movedBy, movedTo } from "./status-sql";

const status = sql`status`;

/**
 * A deactivated program's queued messages are held, out of the sender's queue, so a paused
 * campaign's backlog is not walked past on every claim; they are queued again, due at once,
 * when the program is activated again. Found through the queues of all the account's profiles:
 * contacts pinned to an earlier version may send through a profile the program no longer uses.
 */
export async function holdQueuedMessages(
  tx: Transaction,
  program: { id: string; accountId: string },
): Promise<void> {
  await tx.execute(sql`
    update messenger_messages set status = ${movedTo("queued", "program_deactivated")}
    where profile_id in (select id from messenger_profiles where account_id = ${program.accountId}::uuid)
      and ${movedBy("program_deactivated", status)} and program_id = ${program.id}::uuid`);
}

/** Queues a program's held messages again (it was activated). */
export async function releaseHeldMessages(tx: Transaction, programId: string): Promise<void> {
  await tx.execute(sql`
    update messenger_messages set status = ${movedTo("held", "program_activated")}
    where ${movedBy("program_activated", status)} and program_id = ${programId}::uuid`);
}

/**
 * A program deleted while deactivated never sends its held messages: each ends as not sent,
 * with the reason, and is counted. Runs before the delete, which unlinks them from the program.
 */
export async function dropHeldMessages(tx: Transaction, programId: string): Promise<void> {
  const moved = rowsOf<{ profile_id: string; day: string }>(
    await tx.execute(sql`
      update messenger_messages set status = ${movedTo("held", "program_deleted")},
        reason = ${WARNING_REASONS.programDeleted}
      where ${movedBy("program_deleted", status, ["held"])} and program_id = ${programId}::uuid
      returning profile_id, day::text as day`),
  );
  await countMoves(
    tx,
    moved.map((m) => ({
      ...m,
      from: "held",
      to: "not_sent",
      to_reason: WARNING_REASONS.programDeleted,
    })),
  );
}
