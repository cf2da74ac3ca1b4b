import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { TestApp } from "./test-app";

/** Asserts the pre-aggregated counters equal counts computed from the message rows, per day. */
export async function expectStatsMatchMessages(t: TestApp) {
  const fromMessages = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
      select profile_id, day::text as day,
        count(*) filter (where status in ('sent', 'delivered', 'read'))::int as sent,
        count(*) filter (where status in ('delivered', 'read'))::int as delivered,
        count(*) filter (where status = 'read')::int as read,
        count(*) filter (where status = 'failed')::int as failed,
        count(*) filter (where status = 'not_sent')::int as not_sent,
        count(*) filter (where status = 'unknown')::int as unknown
      from messenger_messages group by profile_id, day order by profile_id, day`),
  );
  const counters = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
      select profile_id, day::text as day, sent, delivered, read, failed, not_sent, unknown
      from messenger_daily_stats
      where sent + delivered + read + failed + not_sent + unknown > 0
      order by profile_id, day`),
  );
  expect(counters).toEqual(fromMessages);
  const reasons = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
      select profile_id, day::text as day, reason, count(*)::int as count from messenger_messages
      where status in ('not_sent', 'failed', 'unknown') group by profile_id, day, reason order by 1, 2, 3`),
  );
  const counted = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
      select profile_id, day::text as day, reason, sum(count)::int as count from messenger_daily_reasons
      where count > 0 group by profile_id, day, reason order by 1, 2, 3`),
  );
  expect(counted).toEqual(reasons);
}
