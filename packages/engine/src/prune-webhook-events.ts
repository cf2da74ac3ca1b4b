import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import type { ClockAndDatabase } from "./clock-and-database";

/**
 * How long a processed opt-in or message stays in the inbox as a dedupe row. Facebook stops
 * redelivering a webhook after 36 hours (MESSENGER.md §3), so after a week no duplicate that
 * the row would catch can still arrive.
 */
export const WEBHOOK_DEDUPE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Deletes up to `limit` processed inbox rows older than the retention, oldest first; returns
 * how many. Unprocessed rows are never touched. Receipts are deleted when applied already.
 */
export async function pruneWebhookEvents(deps: ClockAndDatabase, limit = 10_000): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - WEBHOOK_DEDUPE_RETENTION_MS).toISOString();
  const deleted = rowsOf<{ id: number }>(
    await deps.db.execute(sql`
      delete from webhook_events where id in (
        select id from webhook_events
        where processed_at is not null and processed_at < ${cutoff}::timestamptz
        order by processed_at limit ${limit})
      returning id`),
  );
  return deleted.length;
}
