import { messengerMessages, rowsOf, unnestRows } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import {
  claimDueMessages,
  planSendWaves,
  recordResults,
  releasePages,
  runSenderBatch,
  SenderPipeline,
  sendClaimed,
} from "@waymark/engine";
import { createFacebookClient, type GraphFetch, keepAliveGraphFetch } from "@waymark/facebook";
import { eq, sql } from "drizzle-orm";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_MOUNT } from "../runtime";
import { ADMIN_PAGE, createSandboxProfile, MODERATOR_PAGE } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

const BAD_PSID = "9999999999999999";

describe("planSendWaves", () => {
  const m = (psid: string, n = 0) => ({ psid, n });

  it("chunks a profile's messages by size, a person's second message in the next wave", () => {
    const messages = [m("a"), m("b"), m("a", 1), m("c"), m("d"), m("a", 2), m("b", 1)];
    expect(planSendWaves(messages, 2)).toEqual([
      [
        [m("a"), m("b")],
        [m("c"), m("d")],
      ],
      [[m("a", 1), m("b", 1)]],
      [[m("a", 2)]],
    ]);
  });

  it("sends a message that must go alone in a chunk of its own, in its wave", () => {
    const messages = [m("a"), m("b", 9), m("c"), m("a", 1)];
    expect(planSendWaves(messages, 50, (x) => x.n === 9)).toEqual([
      [[m("a"), m("c")], [m("b", 9)]],
      [[m("a", 1)]],
    ]);
  });
});

describe.each(testDrivers())("sender in Graph batches against the sandbox on %s", (driver) => {
  let t: TestApp;
  let accountId: string;
  let profileId: string;
  let otherProfileId: string;
  let contactId: string;
  let psids: string[];
  const pool = new Agent({ keepAliveTimeout: 5_000 });
  /** The paths of every HTTP call the counting client made. */
  const calls: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(driver);
    const browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Batches"));
    profileId = (
      (await (
        await createSandboxProfile(browser, { name: "Batches", pageId: ADMIN_PAGE })
      ).json()) as { id: string }
    ).id;
    otherProfileId = (
      (await (
        await createSandboxProfile(browser, { name: "Other page", pageId: MODERATOR_PAGE })
      ).json()) as { id: string }
    ).id;
    psids = [];
    for (let i = 0; i < 118; i++) {
      const person = await t.runtime.sandbox!.admin.addPerson({ firstName: "B", lastName: `${i}` });
      psids.push(
        (await t.runtime.sandbox!.admin.optIn({ personId: person.id, pageId: ADMIN_PAGE })).psid,
      );
    }
    const [contact] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'b@example.com') returning id`,
      ),
    );
    contactId = contact!.id;
  });
  afterAll(async () => {
    await t?.close();
    await pool.close();
  });

  /** Waymark's client for the mounted sandbox, counting its HTTP calls. */
  function countingFacebook() {
    const transport = keepAliveGraphFetch(pool);
    const fetch: GraphFetch = (url, init) => {
      calls.push(new URL(url).pathname);
      return transport(url, init);
    };
    const deps = t.runtime.deps;
    return createFacebookClient({
      graphApiUrl: `${t.url}${SANDBOX_MOUNT}`,
      dialogUrl: `${t.url}${SANDBOX_MOUNT}`,
      version: deps.messenger.graphVersion,
      appId: deps.messenger.appId,
      appSecret: deps.webhook.appSecret,
      fetch,
      timeoutMs: 15_000,
    });
  }

  /** Queues one message per PSID (visit = its index), each due a millisecond after the one before. */
  async function enqueue(to: string[], firstVisit: number, onProfile = profileId) {
    const rows = to.map((psid, i) => ({ psid, visit: firstVisit + i }));
    await t.db.execute(sql`
      insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
        psid, messaging_type, tag, text, status, day, next_attempt_at)
      select ${accountId}::uuid, ${onProfile}::uuid, 'batch', 0, r.visit, ${contactId}::uuid, r.psid,
        'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Größe ✓ #' || r.visit, 'queued', current_date,
        now() - interval '1 hour' + r.visit * interval '1 millisecond'
      from ${unnestRows(rows, "r", { psid: ["text", (r) => r.psid], visit: ["int", (r) => r.visit] })}`);
  }

  it("sends 120 messages in 4 calls; a bad recipient fails alone; a person's two go in order", async () => {
    // 118 people, an unknown PSID among them, and a second message to the first person.
    await enqueue([...psids.slice(0, 60), BAD_PSID, ...psids.slice(60), psids[0]!], 0);
    calls.length = 0;
    const deps = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 300 };
    expect(await runSenderBatch(deps)).toBe(120);
    // 119 different people: batches of 50, 50 and 19; then the repeat alone, after them.
    expect(calls.filter((path) => path === "/fb-sandbox/v25.0/")).toHaveLength(3);
    expect(calls.filter((path) => path === "/fb-sandbox/v25.0/me/messages")).toHaveLength(1);
    expect(calls.at(-1)).toBe("/fb-sandbox/v25.0/me/messages");

    const rows = await t.db
      .select()
      .from(messengerMessages)
      .where(eq(messengerMessages.nodeId, "batch"));
    const failed = rows.filter((r) => r.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ psid: BAD_PSID, errorCode: 100, attempts: 1 });
    expect(failed[0]?.reason).toMatch(/^Facebook error 100\/2018001: /);
    const sent = rows.filter((r) => r.status !== "failed");
    expect(sent).toHaveLength(119);
    expect(sent.every((r) => r.status === "sent" && r.fbMessageId && r.attempts === 1)).toBe(true);
    expect(new Set(sent.map((r) => r.fbMessageId)).size).toBe(119);

    // The sandbox holds each message once, and the first person's two in claim order.
    const stored = await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(stored.filter((s) => byId.has(s.metadata ?? ""))).toHaveLength(119);
    const firstPersons = stored.filter((s) => s.psid === psids[0]).reverse();
    expect(firstPersons.map((s) => byId.get(s.metadata ?? "")?.visit)).toEqual([0, 119]);
    expect(firstPersons[0]?.text).toBe("Größe ✓ #0");
  });

  it("sends each message in a call of its own with batchSize 1, as before batches", async () => {
    await enqueue(psids.slice(0, 30), 1000);
    calls.length = 0;
    const deps = {
      ...t.runtime.deps,
      facebook: countingFacebook(),
      defaultRatePerSecond: 0,
      batchSize: 1,
    };
    expect(await runSenderBatch(deps)).toBe(30);
    expect(calls).toEqual(Array(30).fill("/fb-sandbox/v25.0/me/messages"));
  });

  it("claims for a paced profile no more than two seconds of its rate in one turn", async () => {
    await enqueue(psids.slice(0, 30), 2000);
    const deps = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 10 };
    expect(await runSenderBatch(deps)).toBe(20);
    const left = await t.db
      .select()
      .from(messengerMessages)
      .where(sql`${messengerMessages.visit} >= 2000 and ${messengerMessages.status} = 'queued'`);
    expect(left.map((r) => r.visit).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => 2020 + i),
    );
  });

  /** The visits (minus `from`) of the messages in a range, by status. */
  async function visitsByStatus(from: number, to: number) {
    const rows = await t.db
      .select()
      .from(messengerMessages)
      .where(sql`${messengerMessages.visit} >= ${from} and ${messengerMessages.visit} < ${to}`);
    const out: Record<string, number[]> = {};
    for (const r of rows) {
      out[r.status] ??= [];
      out[r.status]!.push(r.visit - from);
    }
    for (const visits of Object.values(out)) visits.sort((a, b) => a - b);
    return out;
  }

  it("shares a turn among the profiles with due messages, however early one's backlog is", async () => {
    // The first profile's 30 are all due before the other's 5.
    await enqueue(psids.slice(0, 30), 3000);
    await enqueue(psids.slice(0, 5), 3030, otherProfileId);
    const deps = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 0 };
    const claimed = await claimDueMessages(deps, 20);
    const perProfile = (id: string) => claimed.filter((m) => m.profile_id === id).length;
    expect([perProfile(profileId), perProfile(otherProfileId)]).toEqual([10, 5]);
    await recordResults(deps, claimed, await sendClaimed(deps, claimed));
    while ((await runSenderBatch(deps)) > 0) {}
  });

  it("sends each turn while the one before it is recorded: every message once, in order", async () => {
    // 40 people, then the same 40 again: each person's second message must follow the first.
    await enqueue([...psids.slice(0, 40), ...psids.slice(0, 40)], 4000);
    const deps = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 0 };
    const pipeline = new SenderPipeline();
    const turns: number[] = [];
    for (let n = await pipeline.turn(deps, 25); n > 0; n = await pipeline.turn(deps, 25)) {
      turns.push(n);
      // When a turn returns, every turn before it is recorded.
      const recorded = (await visitsByStatus(4000, 4080)).sent?.length ?? 0;
      expect(recorded).toBeGreaterThanOrEqual(turns.slice(0, -1).reduce((a, b) => a + b, 0));
    }
    await pipeline.flush();
    expect(turns.reduce((a, b) => a + b, 0)).toBe(80);
    expect(await visitsByStatus(4000, 4080)).toEqual({
      sent: Array.from({ length: 80 }, (_, i) => i),
    });
    const rows = await t.db
      .select()
      .from(messengerMessages)
      .where(sql`${messengerMessages.visit} >= 4000 and ${messengerMessages.visit} < 4080`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const stored = (await t.runtime.sandbox!.admin.messages({ pageId: ADMIN_PAGE, limit: 1000 }))
      .filter((s) => byId.has(s.metadata ?? ""))
      .reverse();
    expect(stored).toHaveLength(80);
    for (const psid of psids.slice(0, 40)) {
      const visits = stored.filter((s) => s.psid === psid).map((s) => byId.get(s.metadata!)!.visit);
      expect(visits).toEqual([...visits].sort((a, b) => a - b));
    }
  });

  it("does not call for a profile the last turn saw refused; its messages wait unburned", async () => {
    await enqueue(psids.slice(0, 5), 5000);
    calls.length = 0;
    const deps = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 0 };
    const claimed = await claimDueMessages(deps, 50);
    expect(claimed).toHaveLength(5);
    const refused = {
      kind: "graph",
      code: 190,
      type: "OAuthException",
      message: "Error validating access token",
      httpStatus: 400,
      classification: "token_invalid",
    } as const;
    const results = await sendClaimed(deps, claimed, new Map([[profileId, refused]]));
    expect(calls).toEqual([]);
    expect(results.map((r) => r.kind)).toEqual(Array(5).fill("paused"));
    await recordResults(deps, claimed, results);
    const rows = await t.db
      .select()
      .from(messengerMessages)
      .where(sql`${messengerMessages.visit} >= 5000 and ${messengerMessages.visit} < 5005`);
    expect(rows.every((r) => r.status === "queued" && r.attempts === 0)).toBe(true);
    expect(rows[0]?.errorMessage).toMatch(/^Facebook error 190: /);
    await t.db.execute(sql`delete from messenger_messages where visit >= 5000 and visit < 5005`);
    await t.db.execute(
      sql`update messenger_profiles set connection = 'ok' where id = ${profileId}::uuid`,
    );
  });

  it("lets one sender at a time send for a page, until it lets go or its hold lapses", async () => {
    await releasePages({ db: t.db });
    await enqueue(psids.slice(0, 10), 6000);
    const base = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 0 };
    const a = { ...base, senderId: "sender-a" };
    const b = { ...base, senderId: "sender-b" };
    const send = async (deps: typeof a, limit: number) => {
      const claimed = await claimDueMessages(deps, limit);
      await recordResults(deps, claimed, await sendClaimed(deps, claimed));
      return claimed.length;
    };
    expect(await send(a, 4)).toBe(4);
    expect(await send(b, 4)).toBe(0);
    expect(await send(a, 2)).toBe(2);
    await releasePages(a);
    expect(await send(b, 2)).toBe(2);
    expect(await send(a, 2)).toBe(0);
    // B's hold lapses 30 s after its last claim for the page.
    const later = new Date(Date.now() + 31_000);
    expect(await send({ ...a, now: () => later }, 10)).toBe(2);
    expect(await visitsByStatus(6000, 6010)).toEqual({
      sent: Array.from({ length: 10 }, (_, i) => i),
    });
    await releasePages(a);
  });

  it("records an unknown outcome as sent when the message's echo came while it was in flight", async () => {
    await releasePages({ db: t.db });
    await enqueue(psids.slice(0, 2), 7000);
    const deps = { ...t.runtime.deps, facebook: countingFacebook(), defaultRatePerSecond: 0 };
    const claimed = await claimDueMessages(deps, 10);
    expect(claimed).toHaveLength(2);
    const [echoed, silent] = claimed;
    await t.db.execute(
      sql`update messenger_messages set fb_message_id = 'm_echoed' where id = ${echoed!.id}::uuid`,
    );
    const timeout = {
      kind: "unknown",
      classification: "unknown",
      reason: "timeout",
      message: "The Send API call timed out",
    } as const;
    await recordResults(deps, claimed, [
      { id: echoed!.id, kind: "unknown", error: timeout },
      { id: silent!.id, kind: "unknown", error: timeout },
    ]);
    const rows = await t.db
      .select()
      .from(messengerMessages)
      .where(sql`${messengerMessages.visit} >= 7000 and ${messengerMessages.visit} < 7002`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(echoed!.id)).toMatchObject({
      status: "sent",
      fbMessageId: "m_echoed",
      reason: null,
      errorMessage: null,
    });
    expect(byId.get(echoed!.id)?.sentAt).not.toBeNull();
    expect(byId.get(silent!.id)).toMatchObject({
      status: "unknown",
      reason: "No answer from Facebook (timeout)",
    });
    await expectStatsMatchMessages(t);
  });
});
