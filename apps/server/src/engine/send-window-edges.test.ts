import { messengerContacts, messengerMessages, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { WARNING_REASONS } from "@waymark/domain";
import { makeOptInRef, processWebhookEvents, runSenderBatch } from "@waymark/engine";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { messengerProgram } from "../testing/test-programs";

const HOUR = 3_600_000;

// The 24-hour window, the 2018 "+1" and blocks are computed from Facebook's timestamps as
// maxima, whatever order the events arrive in, and checked when a message is sent.
describe.each(testDrivers())("send window edges on %s", (driver) => {
  let clock = new Date("2026-11-20T09:00:00Z");
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profileId: string;
  let visit = 0;

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Window"));
    profileId = (
      (await (
        await createSandboxProfile(browser, { name: "Window", pageId: ADMIN_PAGE })
      ).json()) as { id: string }
    ).id;
  });
  afterAll(() => t?.close());

  const setPolicy = (policy: "2018" | "2020") =>
    t.db.execute(
      sql`update messenger_profiles set policy_version = ${policy} where id = ${profileId}::uuid`,
    );
  const drain = async () => {
    await t.runtime.sandbox!.admin.settle();
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
  };
  const contact = async (key: string) =>
    (
      (await (
        await browser.request("POST", "/api/contacts", {
          email: `${key}@example.com`,
          values: { FIRSTNAME: key },
        })
      ).json()) as { id: string }
    ).id;
  /** A sandbox person who opts in through the contact's link, at Facebook time `at`. */
  const optIn = async (contactId: string, at: Date, personId?: string) => {
    const person =
      personId ??
      (await t.runtime.sandbox!.admin.addPerson({ firstName: "W", lastName: contactId })).id;
    const ref = makeOptInRef(t.runtime.deps.keys.optInRef, { profileId, contactId }, clock);
    const { psid } = await t.runtime.sandbox!.admin.optIn({
      personId: person,
      pageId: ADMIN_PAGE,
      ref,
      timestamp: at.getTime(),
    });
    await drain();
    return { personId: person, psid };
  };
  const state = async (contactId: string) =>
    (
      await t.db.select().from(messengerContacts).where(eq(messengerContacts.contactId, contactId))
    )[0];
  /** Queues standard (untagged) messages to a contact, as the interpreter does, due now. */
  async function queueStandard(contactId: string, psid: string, count: number) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const [row] = await t.db
        .insert(messengerMessages)
        .values({
          accountId,
          profileId,
          nodeId: "window",
          enrolmentId: 0,
          visit: visit++,
          contactId,
          psid,
          messagingType: "RESPONSE",
          text: `Standard ${i}`,
          status: "queued",
          day: "2026-11-20",
          nextAttemptAt: new Date(clock.getTime() - 1_000),
        })
        .returning();
      ids.push(row!.id);
    }
    return ids;
  }
  const load = async (ids: string[]) =>
    (await t.db.select().from(messengerMessages).where(inArray(messengerMessages.id, ids))).sort(
      (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
    );
  const send = (limit?: number) =>
    runSenderBatch({ ...t.runtime.deps, defaultRatePerSecond: 0 }, limit);

  it("keeps the window a message opened when the opt-in that links its person arrives after it", async () => {
    await setPolicy("2020");
    const ana = await contact("ana");
    const person = await t.runtime.sandbox!.admin.addPerson({ firstName: "Ana", lastName: "O" });
    // She opted in 30 h ago and wrote 1 h ago; Facebook delivers the message first.
    await t.runtime.sandbox!.admin.writeMessage({
      personId: person.id,
      pageId: ADMIN_PAGE,
      text: "Where is my order?",
      timestamp: clock.getTime() - HOUR,
    });
    await drain();
    await optIn(ana, new Date(clock.getTime() - 30 * HOUR), person.id);
    expect((await state(ana))?.lastInboundAt?.getTime()).toBe(clock.getTime() - HOUR);

    const list = (await (await browser.request("POST", "/api/lists", { name: "Ana" })).json()) as {
      id: string;
    };
    await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: [ana] });
    await insertActiveProgram(t, {
      accountId,
      name: "Reply",
      document: messengerProgram({ profileId, listId: list.id, text: "Hi @FIRSTNAME@" }),
      startListId: list.id,
      profileIds: [profileId],
    });
    await driveEngine(t);
    const [message] = await t.db
      .select()
      .from(messengerMessages)
      .where(eq(messengerMessages.contactId, ana));
    // Facebook accepts a standard message inside the window it opened: so does Waymark.
    expect(message).toMatchObject({ status: expect.stringMatching(/^(sent|delivered|read)$/) });
    await expectStatsMatchMessages(t);
  });

  it("never lets an older event move the window back or lift a newer block", async () => {
    await setPolicy("2020");
    const bo = await contact("bo");
    const { personId, psid } = await optIn(bo, clock);
    await t.runtime.sandbox!.admin.writeMessage({
      personId,
      pageId: ADMIN_PAGE,
      text: "hi",
      timestamp: clock.getTime(),
    });
    await drain();
    // The person blocked the page (a send was answered 551), then a message of before the
    // block arrives late.
    await t.db.execute(
      sql`update messenger_contacts set blocked_at = ${new Date(clock.getTime() + 60_000).toISOString()}::timestamptz
        where contact_id = ${bo}::uuid`,
    );
    clock = new Date(clock.getTime() + 2 * 60_000);
    await t.runtime.sandbox!.admin.writeMessage({
      personId,
      pageId: ADMIN_PAGE,
      text: "old",
      timestamp: clock.getTime() - 30 * 60_000 - 2 * HOUR,
    });
    await drain();
    const after = await state(bo);
    expect(after?.lastInboundAt?.getTime()).toBe(clock.getTime() - 2 * 60_000);
    expect(after?.blockedAt).not.toBeNull();
    const [id] = await queueStandard(bo, psid, 1);
    expect(await send()).toBe(0);
    expect((await load([id!]))[0]).toMatchObject({
      status: "not_sent",
      reason: WARNING_REASONS.blocked,
    });
    await expectStatsMatchMessages(t);
  });

  it("checks the window when sending: a message queued inside it and sent after it closed is not sent", async () => {
    await setPolicy("2020");
    const cy = await contact("cy");
    const { psid } = await optIn(cy, clock);
    const [id] = await queueStandard(cy, psid, 1);
    // Pacing kept it in the queue for 25 hours.
    clock = new Date(clock.getTime() + 25 * HOUR);
    const before = await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    expect(await send()).toBe(0);
    expect((await load([id!]))[0]).toMatchObject({
      status: "not_sent",
      reason: WARNING_REASONS.outsideWindow,
      attempts: 0,
    });
    const after = await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    expect(after).toHaveLength(before.length);
    await expectStatsMatchMessages(t);
  });

  it("2018: takes the one +1 message when sending, once per window across batches", async () => {
    await setPolicy("2018");
    const di = await contact("di");
    const { psid } = await optIn(di, new Date(clock.getTime() - 30 * HOUR));
    const ids = await queueStandard(di, psid, 3);
    // One message per turn, as three senders in turn would take them.
    expect(await send(1)).toBe(1);
    expect(await send(1)).toBe(0);
    expect(await send(1)).toBe(0);
    const messages = await load(ids);
    const sent = messages.filter((m) => m.status !== "not_sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      status: expect.stringMatching(/sent|delivered/),
      usesExtra: 1,
    });
    for (const m of messages.filter((m) => m.status === "not_sent")) {
      expect(m).toMatchObject({ reason: WARNING_REASONS.outsideWindow, usesExtra: 0 });
    }
    expect((await state(di))?.extraUsedAt?.getTime()).toBe(clock.getTime());
    await expectStatsMatchMessages(t);
  });

  it("2018: a +1 message answered with a retryable error keeps its +1 and is sent on retry", async () => {
    await setPolicy("2018");
    const fy = await contact("fy");
    const { psid } = await optIn(fy, new Date(clock.getTime() - 30 * HOUR));
    const [id] = await queueStandard(fy, psid, 1);
    const admin = t.runtime.sandbox!.admin;
    const before = await admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    // Facebook answers the first attempt with a transient error: it did not take the message.
    await admin.setFaults({ errors: [{ code: 2, count: 1 }] });
    try {
      expect(await send()).toBe(1);
    } finally {
      await admin.setFaults({ errors: [] });
    }
    expect((await load([id!]))[0]).toMatchObject({ status: "queued", usesExtra: 1, attempts: 1 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await send()).toBe(1);
    expect((await load([id!]))[0]).toMatchObject({
      status: expect.stringMatching(/sent|delivered/),
      usesExtra: 1,
      attempts: 2,
    });
    const after = await admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    expect(after.length - before.length).toBe(1);
    await expectStatsMatchMessages(t);
  });

  it("2018: takes the +1 once when a person's messages are claimed in one turn", async () => {
    await setPolicy("2018");
    const ed = await contact("ed");
    const { psid } = await optIn(ed, new Date(clock.getTime() - 30 * HOUR));
    const ids = await queueStandard(ed, psid, 2);
    expect(await send()).toBe(1);
    const statuses = (await load(ids)).map((m) => m.status);
    expect(statuses.filter((s) => s === "not_sent")).toHaveLength(1);
    const [count] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from messenger_messages where contact_id = ${ed}::uuid and uses_extra = 1`,
      ),
    );
    expect(count?.n).toBe(1);
    await expectStatsMatchMessages(t);
  });
});
