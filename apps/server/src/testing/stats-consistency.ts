import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { TestApp } from "./test-app";

/**
 * Asserts the pre-aggregated counters equal counts computed from the message rows, per day:
 * sent, delivered and read on the local day they happened, the others on the visit's day.
 */
export async function expectStatsMatchMessages(t: TestApp) {
  const fromMessages = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
      with counted as (
        select profile_id, sent_day as day, 'sent' as counter from messenger_messages
        where status in ('sent', 'delivered', 'read')
        union all
        select profile_id, delivered_day, 'delivered' from messenger_messages
        where status in ('delivered', 'read')
        union all
        select profile_id, read_day, 'read' from messenger_messages where status = 'read'
        union all
        select profile_id, day, status from messenger_messages
        where status in ('failed', 'not_sent', 'unknown')
      )
      select profile_id, day::text as day,
        count(*) filter (where counter = 'sent')::int as sent,
        count(*) filter (where counter = 'delivered')::int as delivered,
        count(*) filter (where counter = 'read')::int as read,
        count(*) filter (where counter = 'failed')::int as failed,
        count(*) filter (where counter = 'not_sent')::int as not_sent,
        count(*) filter (where counter = 'unknown')::int as unknown
      from counted group by profile_id, day order by profile_id, day`),
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
