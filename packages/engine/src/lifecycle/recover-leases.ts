import { type Database, rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";

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
  return deps.db.transaction(async (tx) => {
    const rows = rowsOf<Omit<StatusMove, "from">>(
      await tx.execute(sql`
        update messenger_messages set
          status = case when fb_message_id is not null then ${movedTo("in_flight", "lease_expired", true)}
            when call_started_at is null then ${movedTo("in_flight", "released")}
            else ${movedTo("in_flight", "lease_expired")} end,
          sent_at = case when fb_message_id is not null
            then coalesce(sent_at, call_started_at, lease_until) else sent_at end,
          sent_day = case when fb_message_id is not null then ${localDaySql(
            sql`coalesce(sent_at, call_started_at, lease_until)`,
            sql`(select a.time_zone from accounts a where a.id = account_id)`,
          )} else sent_day end,
          reason = case when fb_message_id is null and call_started_at is not null
            then ${UNKNOWN_AFTER_CRASH} else reason end,
          attempts = case when fb_message_id is null and call_started_at is null
            then attempts - 1 else attempts end,
          lease_until = null,
          -- An unknown outcome keeps when its call started: reconciliation looks after it.
          call_started_at = case when fb_message_id is null then call_started_at end
        where id in (
          select id from messenger_messages
          where ${movedBy("lease_expired", sql`status`)} and lease_until < ${deps.now().toISOString()}::timestamptz
          limit 5000 for update skip locked)
        returning profile_id, day::text as day, sent_day::text as sent_day, status as to, reason as to_reason`),
    );
    await countMoves(
      tx,
      rows.map((r) => ({ ...r, from: "in_flight" })),
    );
    return rows.length;
  });
}
