import { type Database, rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { bumpStats } from "./bump-stats";

export const UNKNOWN_AFTER_CRASH = "outcome unknown: the sender stopped while sending";

/**
 * Messages left in flight past their lease (the sending process died) become `unknown`, never
 * `queued`: Facebook has no idempotency key, so resending could message a person twice. One
 * whose echo came meanwhile (its mid stamped on the row) was sent, as Facebook said: it becomes
 * `sent`, at the end of its lease, the latest it can have gone (so a delivery watermark never
 * counts it delivered too early).
 */
export async function recoverExpiredLeases(deps: {
  db: Database;
  now: () => Date;
}): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = rowsOf<{ profile_id: string; day: string; sent: boolean }>(
      await tx.execute(sql`
        update messenger_messages set
          status = case when fb_message_id is null then 'unknown' else 'sent' end,
          sent_at = case when fb_message_id is null then sent_at else lease_until end,
          reason = case when fb_message_id is null then ${UNKNOWN_AFTER_CRASH} end,
          lease_until = null
        where id in (
          select id from messenger_messages
          where status = 'in_flight' and lease_until < ${deps.now().toISOString()}::timestamptz
          limit 5000 for update skip locked)
        returning profile_id, day::text as day, status = 'sent' as sent`),
    );
    const unknown = rows.filter((r) => !r.sent);
    await bumpStats(
      tx,
      rows.map((r) => ({ profile_id: r.profile_id, day: r.day, [r.sent ? "sent" : "unknown"]: 1 })),
      unknown.map((r) => ({
        profile_id: r.profile_id,
        day: r.day,
        kind: "unknown",
        reason: UNKNOWN_AFTER_CRASH,
        delta: 1,
      })),
    );
    return rows.length;
  });
}
