import type { Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";

export interface StatDelta {
  profile_id: string;
  day: string;
  sent?: number;
  delivered?: number;
  read?: number;
  failed?: number;
  not_sent?: number;
  unknown?: number;
}

export interface ReasonDelta {
  profile_id: string;
  day: string;
  kind: "warning" | "failed" | "unknown";
  reason: string;
  delta: number;
}

/**
 * Applies counter changes to the per-day statistics in two statements, summed per key first so
 * concurrent writers touch each hot row once (DESIGN §7). Called in the transaction that
 * changes the message statuses, so a transition counts exactly once.
 */
export async function bumpStats(tx: Transaction, stats: StatDelta[], reasons: ReasonDelta[] = []) {
  if (stats.length > 0) {
    await tx.execute(sql`
      insert into messenger_daily_stats as s (profile_id, day, sent, delivered, read, failed, not_sent, unknown)
      select profile_id, day, sum(coalesce(sent, 0))::int, sum(coalesce(delivered, 0))::int,
        sum(coalesce(read, 0))::int, sum(coalesce(failed, 0))::int, sum(coalesce(not_sent, 0))::int,
        sum(coalesce(unknown, 0))::int
      from jsonb_to_recordset(${JSON.stringify(stats)}::jsonb) as d(profile_id uuid, day date, sent int,
        delivered int, read int, failed int, not_sent int, unknown int)
      group by profile_id, day
      on conflict (profile_id, day) do update set
        sent = s.sent + excluded.sent, delivered = s.delivered + excluded.delivered,
        read = s.read + excluded.read, failed = s.failed + excluded.failed,
        not_sent = s.not_sent + excluded.not_sent, unknown = s.unknown + excluded.unknown`);
  }
  if (reasons.length > 0) {
    await tx.execute(sql`
      insert into messenger_daily_reasons as r (profile_id, day, kind, reason, count)
      select profile_id, day, kind, reason, sum(delta)::int
      from jsonb_to_recordset(${JSON.stringify(reasons)}::jsonb) as d(profile_id uuid, day date, kind text,
        reason text, delta int)
      group by profile_id, day, kind, reason
      on conflict (profile_id, day, kind, reason) do update set count = r.count + excluded.count`);
  }
}
