import { messengerMessages, rowsOf, unnestRows } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import {
  claimDueMessages,
  processWebhookEvents,
  recordResults,
  recoverExpiredLeases,
  runSenderBatch,
  sendClaimed,
} from "@waymark/engine";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { postSignedWebhook } from "../testing/signed-webhook";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// The edges of a message's life where Facebook's events come late, early or out of order, on
// the real webhook route and the real sender against the mounted sandbox.
describe.each(testDrivers())("message lifecycle edges on %s", (driver) => {
  let t: TestApp;
  let accountId: string;
  let contactId: string;
  let psids: string[];
  let visit = 0;
  let browser: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Edges"));
    await createSandboxProfile(browser, { name: "Edges", pageId: ADMIN_PAGE });
    psids = [];
    for (let i = 0; i < 6; i++) {
      const person = await t.runtime.sandbox!.admin.addPerson({ firstName: "E", lastName: `${i}` });
      psids.push(
        (await t.runtime.sandbox!.admin.optIn({ personId: person.id, pageId: ADMIN_PAGE })).psid,
      );
    }
    const [contact] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'e@example.com') returning id`,
      ),
    );
    contactId = contact!.id;
  });
  afterAll(() => t?.close());

  const profileId = async () =>
    rowsOf<{ id: string }>(
      await t.db.execute(sql`select id from messenger_profiles where page_id = ${ADMIN_PAGE}`),
    )[0]!.id;

  /** Queues one tagged message per PSID, due now. */
  async function enqueue(to: string[]): Promise<string[]> {
    const rows = to.map((psid) => ({ psid, visit: visit++ }));
    return rowsOf<{ id: string }>(
      await t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
          psid, messaging_type, tag, text, status, day, next_attempt_at)
        select ${accountId}::uuid, ${await profileId()}::uuid, 'edge', 0, r.visit, ${contactId}::uuid,
          r.psid, 'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Hi #' || r.visit, 'queued', current_date,
          now() - interval '1 second'
        from ${unnestRows(rows, "r", { psid: ["text", (r) => r.psid], visit: ["int", (r) => r.visit] })}
        returning id`),
    ).map((r) => r.id);
  }
  const load = async (ids: string[]) =>
    (await t.db.select().from(messengerMessages).where(inArray(messengerMessages.id, ids))).sort(
      (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
    );
  const drain = async () => {
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
  };
  const post = async (messaging: unknown[]) =>
    expect((await postSignedWebhook(t, ADMIN_PAGE, messaging)).status).toBe(200);
  const echo = (psid: string, mid: string, metadata: string, at = Date.now()) => ({
    sender: { id: ADMIN_PAGE },
    recipient: { id: psid },
    timestamp: at,
    message: { is_echo: true, mid, text: "Hi", metadata },
  });
  const delivery = (psid: string, watermark: number, mids?: string[]) => ({
    sender: { id: psid },
    recipient: { id: ADMIN_PAGE },
    timestamp: watermark,
    delivery: { ...(mids && { mids }), watermark },
  });
  const read = (psid: string, watermark: number) => ({
    sender: { id: psid },
    recipient: { id: ADMIN_PAGE },
    timestamp: watermark,
    read: { watermark },
  });
  const sender = (over: Partial<typeof t.runtime.deps> = {}) => ({
    ...t.runtime.deps,
    defaultRatePerSecond: 0,
    leaseMs: 60_000,
    ...over,
  });
  /** The sender's process dies: its leases run out, and recovery runs a minute later. */
  const crashAndRecover = () =>
    recoverExpiredLeases({ db: t.db, now: () => new Date(Date.now() + 61_000) });

  it("settles an echoed message in flight as sent when its answer says retry: it is never sent again", async () => {
    const [id] = await enqueue([psids[0]!]);
    const claimed = await claimDueMessages(sender(), 10);
    expect(claimed.map((m) => m.id)).toEqual([id]);
    // Facebook accepted it and echoed it, then answered 500 (or the answer was a timeout).
    await post([echo(psids[0]!, "m_echoed_retry", id!)]);
    await recordResults(sender(), claimed, [
      {
        id: id!,
        kind: "retry",
        delayMs: 0,
        error: {
          kind: "graph",
          code: 2,
          message: "An unexpected error has occurred.",
          classification: "retry",
          status: 500,
        } as never,
      },
    ]);
    const [m] = await load([id!]);
    expect(m).toMatchObject({ status: "sent", fbMessageId: "m_echoed_retry", reason: null });
    // Nothing is due: a second turn sends nothing.
    expect(await runSenderBatch(sender())).toBe(0);
    await expectStatsMatchMessages(t);
  });

  it("settles a message queued for a retry as sent when its echo comes after the answer", async () => {
    const [id] = await enqueue([psids[1]!]);
    const claimed = await claimDueMessages(sender(), 10);
    await recordResults(sender(), claimed, [
      {
        id: id!,
        kind: "retry",
        delayMs: 60_000,
        error: {
          kind: "graph",
          code: 1200,
          message: "Temporary send message failure.",
          classification: "retry",
          status: 400,
        } as never,
      },
    ]);
    expect((await load([id!]))[0]?.status).toBe("queued");
    await post([echo(psids[1]!, "m_late_echo", id!)]);
    await drain();
    expect((await load([id!]))[0]).toMatchObject({ status: "sent", fbMessageId: "m_late_echo" });
    await expectStatsMatchMessages(t);
  });

  it("keeps a delivery and a read that come before the echo of an unknown message, and applies them when it comes", async () => {
    const ids = await enqueue([psids[2]!, psids[3]!]);
    const claimed = await claimDueMessages(sender(), 10);
    expect(claimed).toHaveLength(2);
    // The call starts, Facebook accepts both, the process dies before any answer is recorded.
    await t.db.execute(
      sql`update messenger_messages set call_started_at = now() where id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(await crashAndRecover()).toBe(2);
    expect((await load(ids)).map((m) => m.status)).toEqual(["unknown", "unknown"]);
    await expectStatsMatchMessages(t);

    // Receipts first (their mids unknown to Waymark), echoes later.
    const sentAt = Date.now();
    await post([delivery(psids[2]!, sentAt + 1_000), delivery(psids[3]!, sentAt + 1_000)]);
    await post([read(psids[3]!, sentAt + 2_000)]);
    await drain();
    expect((await load(ids)).map((m) => m.status)).toEqual(["unknown", "unknown"]);
    await post([
      echo(psids[2]!, "m_u2", ids[0]!, sentAt),
      echo(psids[3]!, "m_u3", ids[1]!, sentAt),
    ]);
    await drain();
    const [delivered, readOne] = await load(ids);
    expect(delivered).toMatchObject({ status: "delivered", fbMessageId: "m_u2", reason: null });
    expect(delivered?.deliveredAt?.getTime()).toBe(sentAt + 1_000);
    expect(readOne).toMatchObject({ status: "read", fbMessageId: "m_u3" });
    expect(readOne?.readAt?.getTime()).toBe(sentAt + 2_000);
    await expectStatsMatchMessages(t);
  });

  it("queues again, after a crash, the claimed messages whose call never started; only those Facebook had become unknown", async () => {
    const ids = await enqueue([psids[4]!, psids[5]!]);
    const claimed = await claimDueMessages(sender(), 10);
    expect(claimed).toHaveLength(2);
    await t.db.execute(
      sql`update messenger_messages set call_started_at = now() where id = ${ids[0]!}::uuid`,
    );
    expect(await crashAndRecover()).toBe(2);
    const [called, waiting] = await load(ids);
    expect(called).toMatchObject({ status: "unknown", attempts: 1 });
    expect(waiting).toMatchObject({ status: "queued", attempts: 0, leaseUntil: null });
    await expectStatsMatchMessages(t);

    // The next sender sends the one that never left, and only that one.
    expect(await runSenderBatch(sender())).toBe(1);
    expect((await load([ids[1]!]))[0]).toMatchObject({ status: "sent", attempts: 1 });
    const stored = await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    expect(stored.filter((s) => s.metadata === ids[1])).toHaveLength(1);
    expect(stored.filter((s) => s.metadata === ids[0])).toHaveLength(0);
    await expectStatsMatchMessages(t);
  });

  it("never calls for messages a stalled sender lost to recovery, nor records over the next claim", async () => {
    const [id] = await enqueue([psids[1]!]);
    const stale = await claimDueMessages(sender(), 10);
    expect(stale.map((m) => m.id)).toEqual([id]);
    // The sender stalls past its lease before calling; recovery queues the message again and
    // another turn claims it.
    expect(await crashAndRecover()).toBe(1);
    const fresh = await claimDueMessages(sender({ now: () => new Date(Date.now() + 62_000) }), 10);
    expect(fresh.map((m) => m.id)).toEqual([id]);
    // The stalled sender wakes up: it calls nothing and records nothing.
    const before = await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    expect(await sendClaimed(sender(), stale)).toEqual([]);
    await recordResults(sender(), stale, [
      { id: id!, kind: "sent", fbMessageId: "m_stale", sentAt: new Date().toISOString() },
    ]);
    const after = await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    expect(after).toHaveLength(before.length);
    expect((await load([id!]))[0]).toMatchObject({ status: "in_flight", fbMessageId: null });
    // The live claim sends it once.
    await recordResults(sender(), fresh, await sendClaimed(sender(), fresh));
    expect((await load([id!]))[0]?.status).toBe("sent");
    await expectStatsMatchMessages(t);
  });

  it("marks each Graph call's messages as started before the call, so a real send is never requeued", async () => {
    const [id] = await enqueue([psids[0]!]);
    await runSenderBatch(sender());
    const [m] = await t.db.select().from(messengerMessages).where(eq(messengerMessages.id, id!));
    expect(m).toMatchObject({ status: "sent", callStartedAt: null, leaseUntil: null });
  });

  it("counts a message sent at 23:59 and delivered at 00:01 as sent on the first day and delivered on the second", async () => {
    // In Paris: visited and sent on 14 November just before midnight, delivered and read after it.
    const [account] = rowsOf<{ time_zone: string }>(
      await t.db.execute(sql`select time_zone from accounts where id = ${accountId}::uuid`),
    );
    await t.db.execute(
      sql`update accounts set time_zone = 'Europe/Paris' where id = ${accountId}::uuid`,
    );
    try {
      const person = await t.runtime.sandbox!.admin.addPerson({ firstName: "M", lastName: "N" });
      const { psid } = await t.runtime.sandbox!.admin.optIn({
        personId: person.id,
        pageId: ADMIN_PAGE,
      });
      const [message] = rowsOf<{ id: string }>(
        await t.db.execute(sql`
          insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
            psid, messaging_type, tag, text, status, day, created_at, next_attempt_at)
          values (${accountId}::uuid, ${await profileId()}::uuid, 'midnight', 0, ${visit++}, ${contactId}::uuid,
            ${psid}, 'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Hi', 'queued', '2025-11-14',
            '2025-11-14T22:58:00Z', '2025-11-14T22:58:00Z')
          returning id`),
      );
      const stats = async () =>
        rowsOf<{ day: string; sent: number; delivered: number; read: number }>(
          await t.db.execute(sql`
            select day::text as day, sent, delivered, read from messenger_daily_stats
            where profile_id = ${await profileId()}::uuid and day in ('2025-11-14', '2025-11-15')
            order by day`),
        );
      await drain(); // earlier tests' receipts, so that only this message's moves are counted
      const before = await stats();
      await runSenderBatch(sender({ now: () => new Date("2025-11-14T22:59:00Z") }), 10);
      await post([delivery(psid, Date.parse("2025-11-14T23:01:00Z"))]);
      await post([read(psid, Date.parse("2025-11-14T23:03:00Z"))]);
      await drain();

      const [m] = await load([message!.id]);
      expect(m).toMatchObject({ status: "read", day: "2025-11-14", sentDay: "2025-11-14" });
      expect(m).toMatchObject({ deliveredDay: "2025-11-15" });
      const change = (after: Awaited<ReturnType<typeof stats>>) =>
        after.map((row) => {
          const was = before.find((b) => b.day === row.day);
          return {
            day: row.day,
            sent: row.sent - (was?.sent ?? 0),
            delivered: row.delivered - (was?.delivered ?? 0),
            read: row.read - (was?.read ?? 0),
          };
        });
      expect(change(await stats())).toEqual([
        { day: "2025-11-14", sent: 1, delivered: 0, read: 0 },
        { day: "2025-11-15", sent: 0, delivered: 1, read: 1 },
      ]);
      await expectStatsMatchMessages(t);

      // The drill-downs list the contact on the day of each number.
      const listed = async (kind: string, day: string) => {
        const res = await browser.request(
          "GET",
          `/api/messenger/statistics/${await profileId()}/contacts?kind=${kind}&from=${day}&to=${day}`,
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as { contacts: { messageId: string; date: string }[] };
        return body.contacts.filter((c) => c.messageId === message!.id).map((c) => c.date);
      };
      expect(await listed("sent", "2025-11-14")).toEqual(["2025-11-14"]);
      expect(await listed("delivered", "2025-11-14")).toEqual([]);
      expect(await listed("delivered", "2025-11-15")).toEqual(["2025-11-15"]);
    } finally {
      await t.db.execute(
        sql`update accounts set time_zone = ${account!.time_zone} where id = ${accountId}::uuid`,
      );
    }
    // Back in the old time zone, every message still counts on the day it was counted on.
    await expectStatsMatchMessages(t);
  });
});
