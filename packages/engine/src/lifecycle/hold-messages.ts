import { named, rowsOf, type Transaction, tableAs } from "@waymark/db";
import { WARNING_REASONS } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { countMoves } from "./count-moves";
import { movedBy, movedTo } from "./status-sql";
import { message as m, profile as p } from "./tables";

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
    update ${tableAs(m)} set ${named(m.status)} = ${movedTo("queued", "program_deactivated")}
    where ${m.profileId} in (select ${p.id} from ${tableAs(p)} where ${p.accountId} = ${program.accountId}::uuid)
      and ${movedBy("program_deactivated", m.status)} and ${m.programId} = ${program.id}::uuid`);
}

/** Queues a program's held messages again (it was activated). */
export async function releaseHeldMessages(tx: Transaction, programId: string): Promise<void> {
  await tx.execute(sql`
    update ${tableAs(m)} set ${named(m.status)} = ${movedTo("held", "program_activated")}
    where ${movedBy("program_activated", m.status)} and ${m.programId} = ${programId}::uuid`);
}

/**
 * A program deleted while deactivated never sends its held messages: each ends as not sent,
 * with the reason, and is counted. Runs before the delete, which unlinks them from the program.
 */
export async function dropHeldMessages(tx: Transaction, programId: string): Promise<void> {
  const moved = rowsOf<{ profile_id: string; day: string }>(
    await tx.execute(sql`
      update ${tableAs(m)} set ${named(m.status)} = ${movedTo("held", "program_deleted")},
        ${named(m.reason)} = ${WARNING_REASONS.programDeleted}
      where ${movedBy("program_deleted", m.status, ["held"])} and ${m.programId} = ${programId}::uuid
      returning ${m.profileId} as profile_id, ${m.day}::text as day`),
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
