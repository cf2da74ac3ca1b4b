import { messengerMessages, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import {
  bumpStats,
  processWebhookEvents,
  recoverExpiredLeases,
  UNKNOWN_AFTER_CRASH,
} from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { postSignedWebhook } from "../testing/signed-webhook";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

type MessageStatus = (typeof messengerMessages.$inferInsert)["status"];
const FAILED = "Facebook error 100: No matching user found";

describe.each(testDrivers())("Message echoes and receipts on %s", (driver) => {
  let t: TestApp;
  let accountId: string;
  let profileId: string;
  let contactId: string;
  let visit = 0;
  let person = 200_000_000_000_000;

  beforeAll(async () => {
    t = await createTestApp(driver);
    const browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Echoes"));
    const profile = await createSandboxProfile(browser, { name: "Main", pageId: ADMIN_PAGE });
    profileId = ((await profile.json()) as { id: string }).id;
    const contact = await browser.request("POST", "/api/contacts", { email: "eve@example.com" });
    contactId = ((await contact.json()) as { id: string }).id;
  });
  afterAll(() => t?.close());

  /**
   * A message to a person of its own, so no other message of the file holds its receipts; a
   * recorded outcome is counted as the sender counts it.
   */
  const message = async (status: MessageStatus, fbMessageId: string | null = null) => {
    const [row] = await t.db
      .insert(messengerMessages)
      .values({
        accountId,
        profileId,
        nodeId: "say",
        enrolmentId: 1,
        visit: visit++,
        contactId,
        psid: String(person++),
        messagingType: "RESPONSE",
        text: "Hi",
        status,
        fbMessageId,
        sentAt: status === "sent" ? new Date() : null,
        leaseUntil: status === "in_flight" ? new Date(Date.now() - 1_000) : null,
        // In flight here means Facebook had the call when the sender died.
        callStartedAt: status === "in_flight" ? new Date(Date.now() - 60_000) : null,
        reason: status === "failed" ? FAILED : null,
        day: "2026-11-25",
        sentDay: status === "sent" ? "2026-11-25" : null,
      })
      .returning();
    const counted = { profile_id: profileId, day: row!.day };
    await t.db.transaction(async (tx) => {
      if (status === "sent") await bumpStats(tx, [{ ...counted, sent: 1 }]);
      if (status === "failed") {
        await bumpStats(
          tx,
          [{ ...counted, failed: 1 }],
          [{ ...counted, kind: "failed", reason: FAILED, delta: 1 }],
        );
      }
    });
    return row!;
  };
  const reload = async (id: string) =>
    (await t.db.select().from(messengerMessages).where(eq(messengerMessages.id, id)))[0]!;
  const inbox = async () =>
    rowsOf<{ kind: string; processed: boolean }>(
      await t.db.execute(
        sql`select kind, processed_at is not null as processed from webhook_events order by id`,
      ),
    );
  const post = async (messaging: unknown[]) =>
    expect((await postSignedWebhook(t, ADMIN_PAGE, messaging)).status).toBe(200);
  const drain = async () => {
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
  };
  const echo = (psid: string, mid: string, metadata?: string, at = Date.now()) => ({
    sender: { id: ADMIN_PAGE },
    recipient: { id: psid },
    timestamp: at,
    message: { is_echo: true, mid, text: "Hi", ...(metadata && { metadata }) },
  });
  const delivery = (psid: string, mids: string[], watermark: number) => ({
    sender: { id: psid },
    recipient: { id: ADMIN_PAGE },
    timestamp: watermark,
    delivery: { mids, watermark },
  });
  const crash = () => recoverExpiredLeases({ db: t.db, now: () => new Date() });

  it("keeps the echo of a message in flight on the message: a crash then leaves it sent, and a delivery naming it delivers it", async () => {
    const m = await message("in_flight");
    const before = await inbox();
    const echoedAt = Date.now() - 5_000;
    await post([echo(m.psid!, "m_inflight", m.id, echoedAt)]);
    await post([echo(m.psid!, "m_inflight", m.id, echoedAt)]);
    expect(await inbox()).toEqual(before);
    expect(await reload(m.id)).toMatchObject({ status: "in_flight", fbMessageId: "m_inflight" });

    // The sender died before recording the outcome, but Facebook's echo says it was sent: sent,
    // at the echo's time (Facebook's), which receipts are compared with.
    expect(await crash()).toBe(1);
    const recovered = await reload(m.id);
    expect(recovered).toMatchObject({ status: "sent", reason: null, fbMessageId: "m_inflight" });
    expect(recovered.sentAt?.getTime()).toBe(echoedAt);
    await expectStatsMatchMessages(t);

    const at = Date.now();
    await post([delivery(m.psid!, ["m_inflight"], at)]);
    await drain();
    await post([delivery(m.psid!, ["m_inflight"], at + 1_000)]);
    await drain();
    const settled = await reload(m.id);
    expect(settled).toMatchObject({ status: "delivered", reason: null, fbMessageId: "m_inflight" });
    expect(settled.deliveredAt?.getTime()).toBe(at);
    // Counted once: sent +1, delivered +1.
    await expectStatsMatchMessages(t);
    // Applied receipts leave the inbox.
    expect(await inbox()).toEqual(before);
  });

  it("leaves a message in flight without an echo unknown after a crash; a delivery naming its mid settles it", async () => {
    const m = await message("in_flight");
    expect(await crash()).toBe(1);
    expect(await reload(m.id)).toMatchObject({ status: "unknown", reason: UNKNOWN_AFTER_CRASH });
    await expectStatsMatchMessages(t);
    // The sender had recorded Facebook's mid before dying here (an answer came, the record failed).
    await t.db.execute(
      sql`update messenger_messages set fb_message_id = 'm_answered' where id = ${m.id}::uuid`,
    );
    const at = Date.now();
    await post([delivery(m.psid!, ["m_answered"], at)]);
    await drain();
    const settled = await reload(m.id);
    expect(settled).toMatchObject({ status: "delivered", reason: null });
    expect(settled.sentAt?.getTime()).toBe(at);
    await expectStatsMatchMessages(t);
  });

  it("stores the echo of an unknown message and settles it as sent", async () => {
    const m = await message("in_flight");
    await crash();
    const before = await inbox();
    await post([echo(m.psid!, "m_unknown", m.id)]);
    expect(await inbox()).toEqual([...before, { kind: "echo", processed: false }]);
    await drain();
    expect(await reload(m.id)).toMatchObject({
      status: "sent",
      fbMessageId: "m_unknown",
      reason: null,
    });
    await expectStatsMatchMessages(t);
    expect(await inbox()).toEqual(before);
  });

  it("settles a failed message as sent when its echo comes: Facebook accepted it after all", async () => {
    const failed = await message("failed");
    await post([echo(failed.psid!, "m_failed", failed.id)]);
    await drain();
    expect(await reload(failed.id)).toMatchObject({
      status: "sent",
      fbMessageId: "m_failed",
      reason: null,
    });
    await expectStatsMatchMessages(t);
  });

  it("drops echoes of sent messages and echoes without Waymark's metadata", async () => {
    const sent = await message("sent", "m_sent");
    const before = await inbox();
    await post([
      echo(sent.psid!, "m_sent", sent.id),
      echo(sent.psid!, "m_by_hand"),
      echo(sent.psid!, "m_other_app", "not-a-message-id"),
      // Waymark's id with another person: not the echo of that message.
      echo("299999999999999", "m_wrong_person", sent.id),
    ]);
    expect(await inbox()).toEqual(before);
    expect(await reload(sent.id)).toMatchObject({ status: "sent", fbMessageId: "m_sent" });
  });

  it("keeps processed opt-ins and messages as dedupe records, deletes applied receipts", async () => {
    const m = await message("sent", "m_kept");
    const before = await inbox();
    const at = Date.now() + 1_000;
    await post([
      delivery(m.psid!, ["m_kept"], at),
      {
        sender: { id: m.psid },
        recipient: { id: ADMIN_PAGE },
        timestamp: at,
        message: { mid: "m_inbound_kept", text: "hello" },
      },
    ]);
    await drain();
    expect(await inbox()).toEqual([...before, { kind: "message", processed: true }]);
    expect((await reload(m.id)).status).toBe("delivered");
    await expectStatsMatchMessages(t);
  });

  it.skipIf(driver === "pglite")(
    "sends an echo whose message the sender is recording to the inbox, where it waits for the outcome",
    async () => {
      const m = await message("in_flight");
      const before = await inbox();
      // The sender's recording transaction holds the row while the echo arrives.
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from messenger_messages where id = ${m.id} for update`);
        await post([echo(m.psid!, "m_locked", m.id)]);
      });
      expect(await inbox()).toEqual([...before, { kind: "echo", processed: false }]);
      expect((await reload(m.id)).fbMessageId).toBeNull();
      // Still in flight: the echo waits instead of being spent.
      await drain();
      expect(await inbox()).toEqual([...before, { kind: "echo", processed: false }]);
      // The outcome turns out unknown; the echo, retried, settles it.
      await crash();
      await t.db.execute(
        sql`update webhook_events set next_attempt_at = now() - interval '1 second' where kind = 'echo'`,
      );
      await drain();
      expect(await reload(m.id)).toMatchObject({ status: "sent", fbMessageId: "m_locked" });
      await expectStatsMatchMessages(t);
      expect(await inbox()).toEqual(before);
    },
  );
});
