import { rowsOf } from "@waymark/db";
import { openTestDatabase, type TestDatabase, testDrivers } from "@waymark/db/testing";
import { pruneWebhookEvents, WEBHOOK_DEDUPE_RETENTION_MS } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

describe.each(testDrivers())("webhook inbox pruning on %s", (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
  });
  afterAll(() => db?.close());

  /** An inbox row received `ageDays` ago, processed then unless `pending`. */
  async function event(key: string, ageDays: number, pending = false) {
    const at = new Date(NOW.getTime() - ageDays * DAY).toISOString();
    await db.db.execute(sql`
      insert into webhook_events (page_id, kind, dedupe_key, payload, received_at, processed_at)
      values ('page', 'optin', ${key}, '{}'::jsonb, ${at}::timestamptz,
        ${pending ? null : at}::timestamptz)`);
  }
  const keys = async () =>
    rowsOf<{ dedupe_key: string }>(
      await db.db.execute(sql`select dedupe_key from webhook_events order by dedupe_key`),
    ).map((r) => r.dedupe_key);

  it("deletes processed rows past the retention, oldest first in chunks, and nothing else", async () => {
    expect(WEBHOOK_DEDUPE_RETENTION_MS).toBe(7 * DAY);
    await event("a-old", 30);
    await event("b-old", 8);
    await event("c-old", 7.5);
    await event("d-recent", 6);
    await event("e-pending-old", 30, true);
    const deps = { db: db.db, now: () => NOW };

    expect(await pruneWebhookEvents(deps, 2)).toBe(2);
    expect(await keys()).toEqual(["c-old", "d-recent", "e-pending-old"]);
    expect(await pruneWebhookEvents(deps)).toBe(1);
    expect(await pruneWebhookEvents(deps)).toBe(0);
    expect(await keys()).toEqual(["d-recent", "e-pending-old"]);
  });
});
