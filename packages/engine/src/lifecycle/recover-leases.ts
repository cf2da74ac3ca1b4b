import { type Database, messengerMessages, named, rowsOf, tableAs } from "@waymark/db";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";
import { account as a, message as m } from "./tables";

const q = alias(messengerMessages, "q");

/** The reason recorded for a message whose call had started when its sender stopped. */
export const UNKNOWN_AFTER_CRASH = "outcome unknown: the sender stopped while sending";

/**
 * Messages left in flight past their lease (the sending process died). One whose Send API call
 * never started goes back to the queue: Facebook never had it. One whose call started becomes
 * `unknown`, never `queued` (Facebook has no idempotency key; resending could message a person
 * twice), unless its echo came meanwhile (its mid and Facebook's time stamped on the row): then
 * it was sent, at that time (else when its call started, else at the end of its lease).
 */
export async function recoverExpiredLeases(deps: {
  db: Database;
  now: () => Date;
}): Promise<number> {
  const sentAt = sql`coalesce(${m.sentAt}, ${m.callStartedAt}, ${m.leaseUntil})`;
  return deps.db.transaction(async (tx) => {
    const rows = rowsOf<Omit<StatusMove, "from">>(
      await tx.execute(sql`
        update ${tableAs(m)} set
          ${named(m.status)} = case when ${m.fbMessageId} is not null then ${movedTo("in_flight", "lease_expired", true)}
            when ${m.callStartedAt} is null then ${movedTo("in_flight", "released")}
            else ${movedTo("in_flight", "lease_expired")} end,
          ${named(m.sentAt)} = case when ${m.fbMessageId} is not null
            then ${sentAt} else ${m.sentAt} end,
          ${named(m.sentDay)} = case when ${m.fbMessageId} is not null then ${localDaySql(
            sentAt,
            sql`(select ${a.timeZone} from ${tableAs(a)} where ${a.id} = ${m.accountId})`,
          )} else ${m.sentDay} end,
          ${named(m.reason)} = case when ${m.fbMessageId} is null and ${m.callStartedAt} is not null
            then ${UNKNOWN_AFTER_CRASH} else ${m.reason} end,
          ${named(m.attempts)} = case when ${m.fbMessageId} is null and ${m.callStartedAt} is null
            then ${m.attempts} - 1 else ${m.attempts} end,
          ${named(m.leaseUntil)} = null,
          -- An unknown outcome keeps when its call started: reconciliation looks after it.
          ${named(m.callStartedAt)} = case when ${m.fbMessageId} is null then ${m.callStartedAt} end
        where ${m.id} in (
          select ${q.id} from ${tableAs(q)}
          where ${movedBy("lease_expired", q.status)} and ${q.leaseUntil} < ${deps.now().toISOString()}::timestamptz
          limit 5000 for update skip locked)
        returning ${m.profileId} as profile_id, ${m.day}::text as day, ${m.sentDay}::text as sent_day,
          ${m.status} as to, ${m.reason} as to_reason`),
    );
    await countMoves(
      tx,
      rows.map((r) => ({ ...r, from: "in_flight" })),
    );
    return rows.length;
  });
}
