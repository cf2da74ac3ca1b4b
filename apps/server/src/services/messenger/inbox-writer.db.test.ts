import { rowsOf } from "@waymark/db";
import { openTestDatabase, type TestDatabase, testDrivers } from "@waymark/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InboxWriter } from "./inbox-writer";
import { type InboxRow, storeInboxRows } from "./receive-webhook";

const PAGE = "inbox-writer-page";

const delivery = (key: string, extra: object = {}): InboxRow => ({
  page_id: PAGE,
  kind: "delivery",
  dedupe_key: key,
  event_time: "2026-12-08T00:00:00.000Z",
  payload: { kind: "delivery", psid: "p", watermark: 1, ...extra },
});

// The webhook route's group commit on a real database: POSTs answered only once their rows are
// committed, each event stored once however many POSTs carry it, and a failed statement failing
// every POST that waited for it (Facebook then redelivers them).
describe.each(testDrivers())("the inbox's group commit on %s", (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    await db.db.execute(sql`
      with a as (insert into accounts (name) values ('Inbox') returning id)
      insert into messenger_profiles (id, account_id, name, page_id, page_name, status,
        policy_version, opt_in_code, opt_in_field_name, page_token_enc)
      select gen_random_uuid(), a.id, 'Inbox', ${PAGE}, 'Inbox page', 'enabled', '2018', 'INBOX',
        'FBOPTIN_INBOX', 'x' from a`);
  });
  afterAll(() => db?.close());

  const writer = (options: { maxInFlight: number; gatherMs: number }) => {
    let statements = 0;
    const w = new InboxWriter((rows) => {
      statements++;
      return storeInboxRows({ db: db.db, now: () => new Date() }, rows);
    }, options);
    return { w, statements: () => statements };
  };
  const stored = async (prefix: string) =>
    rowsOf<{ dedupe_key: string; payload: { note?: string } }>(
      await db.db.execute(sql`
        select dedupe_key, payload from webhook_events where dedupe_key like ${`${prefix}%`}
        order by id`),
    );

  it("stores 300 concurrent POSTs in a few statements, each event once, duplicates included", async () => {
    const { w, statements } = writer({ maxInFlight: 2, gatherMs: 1 });
    const note = `quote " backslash \\ brace } comma , NULL é`;
    const posts = Array.from({ length: 300 }, (_, i) =>
      // Every third POST is Facebook redelivering the one before it.
      w.write([delivery(`c-${i % 3 === 2 ? i - 1 : i}`, { note })]),
    );
    await Promise.all(posts);
    const rows = await stored("c-");
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(200);
    expect(rows.every((r) => r.payload.note === note)).toBe(true);
    expect(statements()).toBeLessThan(30);
  });

  it("fails every POST waiting for a statement the database refuses, and stores none of them", async () => {
    const { w } = writer({ maxInFlight: 1, gatherMs: 1 });
    await db.db.execute(sql`alter table webhook_events rename to webhook_events_away`);
    try {
      const posts = Array.from({ length: 20 }, (_, i) => w.write([delivery(`f-${i}`)]));
      const outcomes = await Promise.allSettled(posts);
      expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill("rejected"));
    } finally {
      await db.db.execute(sql`alter table webhook_events_away rename to webhook_events`);
    }
    expect(await stored("f-")).toEqual([]);
    // The writer goes on once the database does.
    await w.write([delivery("f-after")]);
    expect(await stored("f-")).toHaveLength(1);
  });

  // PostgreSQL only: a second session holds the inbox table; PGlite has a single connection, so
  // a held transaction there would block the writer's statements themselves, not their commit.
  it.skipIf(driver !== "postgres")(
    "answers no POST before its statement has committed",
    async () => {
      const { w } = writer({ maxInFlight: 2, gatherMs: 1 });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // Another session holds the inbox table, so the POSTs' statements wait before committing.
      const holder = db.db.transaction(async (tx) => {
        await tx.execute(sql`lock table webhook_events in exclusive mode`);
        locked();
        await held;
      });
      await lockTaken;
      const answered: string[] = [];
      const posts = Array.from({ length: 40 }, (_, i) =>
        w.write([delivery(`h-${i}`)]).then(() => answered.push(`h-${i}`)),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toEqual([]);
      release();
      await holder;
      await Promise.all(posts);
      expect(answered).toHaveLength(40);
      expect(await stored("h-")).toHaveLength(40);
    },
  );
});
