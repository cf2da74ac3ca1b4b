import type { Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";
import { unnestRows } from "../pg-array";

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
      from ${unnestRows(stats, "d", {
        profile_id: ["uuid", (d) => d.profile_id],
        day: ["date", (d) => d.day],
        sent: ["int", (d) => d.sent ?? null],
        delivered: ["int", (d) => d.delivered ?? null],
        read: ["int", (d) => d.read ?? null],
        failed: ["int", (d) => d.failed ?? null],
        not_sent: ["int", (d) => d.not_sent ?? null],
        unknown: ["int", (d) => d.unknown ?? null],
      })}
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
      from ${unnestRows(reasons, "d", {
        profile_id: ["uuid", (d) => d.profile_id],
        day: ["date", (d) => d.day],
        kind: ["text", (d) => d.kind],
        reason: ["text", (d) => d.reason],
        delta: ["int", (d) => d.delta],
      })}
      group by profile_id, day, kind, reason
      on conflict (profile_id, day, kind, reason) do update set count = r.count + excluded.count`);
  }
}
