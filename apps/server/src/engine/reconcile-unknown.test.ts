import { messengerMessages, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { WARNING_REASONS } from "@waymark/domain";
import {
  bumpStats,
  open,
  processWebhookEvents,
  RECONCILE_AFTER_MS,
  reconcileUnknownOutcomes,
  runSenderBatch,
} from "@waymark/engine";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// A send whose answer was lost stays unknown until its echo comes; when none comes, Waymark
// asks Facebook's conversation with the person (MESSENGER.md §9), through the sandbox's strict
// Conversations API over real HTTP.
describe.each(testDrivers())("unknown outcomes reconciled from Facebook on %s", (driver) => {
  let t: TestApp;
  let accountId: string;
  let contactId: string;
  let psid: string;
  let visit = 0;
  let browser: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Reconcile"));
    await createSandboxProfile(browser, { name: "Reconcile", pageId: ADMIN_PAGE });
    const person = await t.runtime.sandbox!.admin.addPerson({ firstName: "R", lastName: "U" });
    ({ psid } = await t.runtime.sandbox!.admin.optIn({ personId: person.id, pageId: ADMIN_PAGE }));
    contactId = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'r@example.com') returning id`,
      ),
    )[0]!.id;
  });
  afterAll(() => t?.close());

  const profileId = async () =>
    rowsOf<{ id: string }>(
      await t.db.execute(sql`select id from messenger_profiles where page_id = ${ADMIN_PAGE}`),
    )[0]!.id;
  /** Queues a tagged message to the person, due now. */
  const enqueue = async (text: string, status = "queued", calledMinutesAgo = 0): Promise<string> =>
    rowsOf<{ id: string }>(
      await t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
          psid, messaging_type, tag, text, status, reason, day, next_attempt_at, call_started_at)
        values (${accountId}::uuid, ${await profileId()}::uuid, 'reconcile', 0, ${visit++}, ${contactId}::uuid,
          ${psid}, 'MESSAGE_TAG', 'SHIPPING_UPDATE', ${text}, ${status},
          ${status === "unknown" ? "No answer from Facebook (timeout)" : null}, current_date,
          now() - interval '1 second',
          ${status === "unknown" ? sql`now() - ${calledMinutesAgo} * interval '1 minute'` : null})
        returning id`),
    )[0]!.id;
  const load = async (ids: string[]) =>
    (await t.db.select().from(messengerMessages).where(inArray(messengerMessages.id, ids))).sort(
      (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
    );
  const later = (ms: number) => () => new Date(Date.now() + ms);
  const reconcile = (now: () => Date) => reconcileUnknownOutcomes({ ...t.runtime.deps, now });

  it("settles a send Facebook accepted but whose answer and echo were lost as sent, at Facebook's time, once its quiet period is over", async () => {
    const admin = t.runtime.sandbox!.admin;
    await admin.setFaults({
      holdEchoes: { pageId: ADMIN_PAGE },
      dropAnswerAfterAccept: { count: 1 },
    });
    try {
      const id = await enqueue("Your parcel left the warehouse");
      await runSenderBatch({ ...t.runtime.deps, defaultRatePerSecond: 0 });
      const [lost] = await load([id]);
      expect(lost).toMatchObject({ status: "unknown", fbMessageId: null });
      const [copy] = (await admin.messages({ pageId: ADMIN_PAGE, limit: 1000 })).filter(
        (m) => m.metadata === id,
      );
      expect(copy).toBeDefined();

      // Too early: its echo may still come.
      expect(await reconcile(later(RECONCILE_AFTER_MS - 60_000))).toBe(0);
      expect((await load([id]))[0]?.status).toBe("unknown");

      expect(await reconcile(later(RECONCILE_AFTER_MS + 1_000))).toBe(1);
      const [settled] = await load([id]);
      expect(settled).toMatchObject({ status: "sent", fbMessageId: copy!.mid, reason: null });
      expect(Math.abs(settled!.sentAt!.getTime() - Date.parse(copy!.sentAt))).toBeLessThan(1_000);
      expect(settled!.reconciledAt).not.toBeNull();
      await expectStatsMatchMessages(t);

      // The echo comes at last: it changes nothing, and nothing counts twice.
      admin.releaseWebhooks();
      await admin.settle();
      while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
      // (Its delivery receipt, held with the echo, may have come too: delivered is right.)
      const [after] = await load([id]);
      expect(["sent", "delivered", "read"]).toContain(after?.status);
      expect(after?.fbMessageId).toBe(copy!.mid);
      await expectStatsMatchMessages(t);
    } finally {
      await admin.setFaults({ holdEchoes: null, dropAnswerAfterAccept: null });
    }
  });

  it("settles as never reached Facebook a send its conversation does not hold, and each copy settles one message", async () => {
    // Two unknown messages with one text, and a third; Facebook holds one copy of the text.
    const text = "Your order is ready";
    const first = await enqueue(text, "unknown", 20);
    const second = await enqueue(text, "unknown", 19);
    const absent = await enqueue("This one never left", "unknown", 18);
    const [{ day }] = rowsOf<{ day: string }>(
      await t.db.execute(sql`select current_date::text as day`),
    ) as [{ day: string }];
    const counted = { profile_id: await profileId(), day: day! };
    await t.db.transaction((tx) =>
      bumpStats(
        tx,
        [{ ...counted, unknown: 3 }],
        [{ ...counted, kind: "unknown", reason: "No answer from Facebook (timeout)", delta: 3 }],
      ),
    );
    const [profile] = rowsOf<{ page_token_enc: string }>(
      await t.db.execute(
        sql`select page_token_enc from messenger_profiles where id = ${counted.profile_id}::uuid`,
      ),
    );
    const pageToken = open(
      t.runtime.deps.keys.pageToken,
      profile!.page_token_enc,
      counted.profile_id,
    );
    const copy = await t.runtime.deps.facebook.sendMessage({
      pageToken,
      psid,
      text,
      messagingType: "MESSAGE_TAG",
      tag: "SHIPPING_UPDATE",
    });
    expect(copy.ok).toBe(true);

    expect(await reconcile(later(1_000))).toBe(3);
    const [a, b, c] = await load([first, second, absent]);
    // Sent (or delivered already: Facebook's receipt for the copy covers it once it is sent).
    expect(["sent", "delivered", "read"]).toContain(a?.status);
    expect(a?.fbMessageId).toBe(copy.ok ? copy.messageId : null);
    expect(b).toMatchObject({ status: "not_sent", reason: WARNING_REASONS.neverReachedFacebook });
    expect(c).toMatchObject({ status: "not_sent", reason: WARNING_REASONS.neverReachedFacebook });
    await expectStatsMatchMessages(t);
    // Settled outcomes are not looked up again.
    await reconcile(later(RECONCILE_AFTER_MS * 2));
    expect((await load([second, absent])).map((m) => m.reconciledAt)).toEqual([
      b?.reconciledAt,
      c?.reconciledAt,
    ]);
    // The profile page says how many lost answers were reconciled, and how.
    const res = await browser.request("GET", `/api/messenger/statistics/${counted.profile_id}`);
    expect(((await res.json()) as { reconciled: unknown }).reconciled).toEqual({
      found: 2,
      neverReachedFacebook: 2,
    });
  });
});
