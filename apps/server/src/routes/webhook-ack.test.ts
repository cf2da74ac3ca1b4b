import { createHmac } from "node:crypto";
import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

const dialect = new PgDialect();

describe.each(testDrivers())("webhook acknowledgement on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
    const browser = new TestBrowser(t.app);
    await browser.signUp("Acks");
    await createSandboxProfile(browser, { pageId: ADMIN_PAGE });
  });
  afterAll(() => t?.close());

  /** One signed delivery receipt POSTed over real HTTP, as Facebook sends a quiet Page's. */
  const postReceipt = (mid: string) => {
    const time = Date.now();
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: ADMIN_PAGE,
          time,
          messaging: [
            {
              sender: { id: `psid-${mid}` },
              recipient: { id: ADMIN_PAGE },
              timestamp: time,
              delivery: { mids: [mid], watermark: time },
            },
          ],
        },
      ],
    });
    const signature = createHmac("sha256", t.runtime.deps.webhook.appSecret)
      .update(body)
      .digest("hex");
    return fetch(`${t.url}/webhooks/messenger`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` },
      body,
    });
  };
  const pending = async (prefix: string) =>
    rowsOf<{ n: number }>(
      await t.db.execute(sql`
        select count(*)::int as n from webhook_events
        where processed_at is null and payload->>'psid' like ${`psid-${prefix}%`}`),
    )[0]!.n;

  it("POSTs that arrive while the inbox is busy share one statement", async () => {
    const execute = vi.spyOn(t.db, "execute");
    let release!: () => void;
    const busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Something else holds the inbox: on PGlite any transaction, on PostgreSQL a table lock.
    const holder = t.db.transaction(async (tx) => {
      if (driver === "postgres") await tx.execute(sql`lock table webhook_events in exclusive mode`);
      await busy;
    });
    try {
      const acks = Array.from({ length: 20 }, (_, i) => postReceipt(`group-${i}`));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      release();
      await holder;
      expect((await Promise.all(acks)).map((r) => r.status)).toEqual(Array(20).fill(200));
      const inboxStatements = execute.mock.calls.filter(([query]) =>
        dialect.sqlToQuery(query as SQL).sql.includes("insert into webhook_events"),
      );
      // One statement per POST before; now the ones in flight (1 on PGlite, 4 on PostgreSQL)
      // and one for all that waited.
      expect(inboxStatements.length).toBeLessThanOrEqual(driver === "postgres" ? 6 : 3);
      expect(await pending("group-")).toBe(20);
    } finally {
      release();
      execute.mockRestore();
    }
  });

  // PGlite runs one transaction at a time, so a processor holding one holds every query.
  it.skipIf(driver === "pglite")(
    "answers 200 while the inbox processor holds its claimed events and their messages",
    async () => {
      expect((await postReceipt("held-0")).status).toBe(200);
      let release!: () => void;
      const busy = new Promise<void>((resolve) => {
        release = resolve;
      });
      let claimed!: () => void;
      const hasClaimed = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      // What processWebhookEvents holds mid-turn: the pending events, FOR UPDATE.
      const processor = t.db.transaction(async (tx) => {
        await tx.execute(sql`select id from webhook_events where processed_at is null for update`);
        claimed();
        await busy;
      });
      try {
        await hasClaimed;
        const started = performance.now();
        const acks = await Promise.all(["held-0", "held-1", "held-2"].map(postReceipt));
        expect(acks.map((r) => r.status)).toEqual([200, 200, 200]);
        expect(performance.now() - started).toBeLessThan(2_000);
      } finally {
        release();
        await processor;
      }
    },
  );

  it("leaves processing to the engine: the acknowledged event is still pending", async () => {
    expect((await postReceipt("later-0")).status).toBe(200);
    expect(await pending("later-")).toBe(1);
  });
});
