import {
  messengerDailyReasons,
  messengerDailyStats,
  named,
  type Transaction,
  tableAs,
} from "@waymark/db";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { unnestRows } from "../pg-array";

const s = alias(messengerDailyStats, "s");
const r = alias(messengerDailyReasons, "r");
const COUNTERS = [s.sent, s.delivered, s.read, s.failed, s.notSent, s.unknown];

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
      insert into ${tableAs(s)} (${named(s.profileId)}, ${named(s.day)},
        ${sql.join(COUNTERS.map(named), sql`, `)})
      select profile_id, day, ${sql.join(
        COUNTERS.map((c) => sql`sum(coalesce(${named(c)}, 0))::int`),
        sql`, `,
      )}
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
      on conflict (${named(s.profileId)}, ${named(s.day)}) do update set ${sql.join(
        COUNTERS.map((c) => sql`${named(c)} = ${c} + excluded.${named(c)}`),
        sql`, `,
      )}`);
  }
  if (reasons.length > 0) {
    const key = [r.profileId, r.day, r.kind, r.reason].map(named);
    await tx.execute(sql`
      insert into ${tableAs(r)} (${sql.join(key, sql`, `)}, ${named(r.count)})
      select profile_id, day, kind, reason, sum(delta)::int
      from ${unnestRows(reasons, "d", {
        profile_id: ["uuid", (d) => d.profile_id],
        day: ["date", (d) => d.day],
        kind: ["text", (d) => d.kind],
        reason: ["text", (d) => d.reason],
        delta: ["int", (d) => d.delta],
      })}
      group by profile_id, day, kind, reason
      on conflict (${sql.join(key, sql`, `)}) do update set
        ${named(r.count)} = ${r.count} + excluded.${named(r.count)}`);
  }
}
