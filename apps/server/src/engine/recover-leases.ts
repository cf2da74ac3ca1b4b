import { type Database, rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { bumpStats } from "./bump-stats";

export const UNKNOWN_AFTER_CRASH = "outcome unknown: the sender stopped while sending";

/**
 * Messages left in flight past their lease (the sending process died) become `unknown`, never
 * `queued`: Facebook has no idempotency key, so resending could message a person twice.
 */
export async function recoverExpiredLeases(deps: {
  db: Database;
  now: () => Date;
}): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = rowsOf<{ profile_id: string; day: string }>(
      await tx.execute(sql`
        update messenger_messages set status = 'unknown', lease_until = null, reason = ${UNKNOWN_AFTER_CRASH}
        where id in (
          select id from messenger_messages
          where status = 'in_flight' and lease_until < ${deps.now().toISOString()}::timestamptz
          limit 5000 for update skip locked)
        returning profile_id, day::text as day`),
    );
    await bumpStats(
      tx,
      rows.map((r) => ({ profile_id: r.profile_id, day: r.day, unknown: 1 })),
      rows.map((r) => ({
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
