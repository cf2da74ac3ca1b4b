import { createHmac } from "node:crypto";
import { messengerContacts, messengerMessages, webhookEvents } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { makeOptInRef, processWebhookEvents } from "@waymark/engine";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile, MODERATOR_PAGE } from "../testing/sandbox-login";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const PERSON = "120000000000001";
const tamper = (ref: string) => ref.slice(0, -1) + (ref.endsWith("A") ? "B" : "A");

describe.each(testDrivers())("Messenger webhook on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let profile: Json;
  let other: Json;
  let contact: Json;
  const drain = async () => {
    while (
      (await processWebhookEvents({ db: t.db, now: () => new Date(), keys: t.runtime.deps.keys })) >
      0
    ) {}
  };
  const sign = (body: string) =>
    `sha256=${createHmac("sha256", t.runtime.deps.webhook.appSecret).update(body).digest("hex")}`;
  const post = (body: string, signature: string | null = sign(body)) =>
    t.app.request(`${TEST_ORIGIN}/webhooks/messenger`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature && { "x-hub-signature-256": signature }),
      },
      body,
    });
  const optinBody = (pageId: string, psid: string, ref: string, timestamp = Date.now()) =>
    JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: timestamp,
          messaging: [
            { sender: { id: psid }, recipient: { id: pageId }, timestamp, optin: { ref } },
          ],
        },
      ],
    });
  const stateOf = async (contactId: string) =>
    t.db.select().from(messengerContacts).where(eq(messengerContacts.contactId, contactId));
  const inboxCount = async () => (await t.db.select().from(webhookEvents)).length;

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Hooks");
    profile = (await (
      await createSandboxProfile(browser, { name: "Main", pageId: ADMIN_PAGE })
    ).json()) as Json;
    other = (await (
      await createSandboxProfile(browser, { name: "Side", pageId: MODERATOR_PAGE })
    ).json()) as Json;
    contact = (await (
      await browser.request("POST", "/api/contacts", { email: "ana@example.com" })
    ).json()) as Json;
  });
  afterAll(() => t?.close());

  it("answers the verification handshake only with the right token", async () => {
    const token = t.runtime.deps.webhook.verifyToken;
    const ok = await t.app.request(
      `${TEST_ORIGIN}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=12345`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("12345");
    const bad = await t.app.request(
      `${TEST_ORIGIN}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=12345`,
    );
    expect(bad.status).toBe(403);
  });

  it("opts a contact in through the sandbox's Send to Messenger flow", async () => {
    const { url, ref } = (await (
      await browser.request(
        "GET",
        `/api/messenger/profiles/${profile.id}/opt-in-links/${contact.id}`,
      )
    ).json()) as Json;
    expect(url).toBe(`${t.url}/optin/${ref}`);
    const page = await t.app.request(`${TEST_ORIGIN}/optin/${ref}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`data-ref="${ref}"`);

    const { psid } = await t.runtime.sandbox!.admin.optIn({
      personId: PERSON,
      pageId: ADMIN_PAGE,
      ref,
    });
    await t.runtime.sandbox!.admin.settle();
    await drain();
    const after = (await (
      await browser.request("GET", `/api/contacts/${contact.id}`)
    ).json()) as Json;
    expect(after.values[profile.optInFieldName]).toBe(psid);
    const [state] = await stateOf(contact.id);
    expect(state).toMatchObject({ psid, profileId: profile.id });
    expect(state?.optedInAt).toBeInstanceOf(Date);
  });

  it.each([
    ["a forged signature", (_body: string) => `sha256=${"0".repeat(64)}`],
    ["no signature", () => null],
    [
      "a sha1 signature only",
      (body: string) => `sha1=${createHmac("sha1", "x").update(body).digest("hex")}`,
    ],
  ])("refuses %s with 401 and stores nothing", async (_name, signature) => {
    const body = optinBody(ADMIN_PAGE, "999", "x.y.z.w");
    const before = await inboxCount();
    const res = await post(body, signature(body));
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it("refuses a body re-serialised after signing", async () => {
    const body = optinBody(ADMIN_PAGE, "999", "x.y.z.w");
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect((await post(reserialised, sign(body))).status).toBe(401);
  });

  it("applies the same opt-in delivered three times once", async () => {
    const fresh = (await (
      await browser.request("POST", "/api/contacts", { email: "thrice@example.com" })
    ).json()) as Json;
    const ref = makeOptInRef(
      t.runtime.deps.keys.optInRef,
      { profileId: profile.id, contactId: fresh.id },
      new Date(),
    );
    const body = optinBody(ADMIN_PAGE, "555000111", ref, 1_760_000_000_000);
    const before = await inboxCount();
    for (let i = 0; i < 3; i++) expect((await post(body)).status).toBe(200);
    expect(await inboxCount()).toBe(before + 1);
    await drain();
    const rows = await stateOf(fresh.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.optedInAt?.getTime()).toBe(1_760_000_000_000);
  });

  it.each([
    [
      "a ref for another profile",
      (contactId: string) =>
        makeOptInRef(t.runtime.deps.keys.optInRef, { profileId: other.id, contactId }, new Date()),
    ],
    [
      "a tampered ref",
      (contactId: string) =>
        tamper(
          makeOptInRef(
            t.runtime.deps.keys.optInRef,
            { profileId: profile.id, contactId },
            new Date(),
          ),
        ),
    ],
    [
      "an expired ref",
      (contactId: string) =>
        makeOptInRef(
          t.runtime.deps.keys.optInRef,
          { profileId: profile.id, contactId },
          new Date("2020-01-01"),
        ),
    ],
  ])(
    "never touches the contact named by %s: the person becomes a subscriber",
    async (_name, makeRef) => {
      const fresh = (await (
        await browser.request("POST", "/api/contacts", {
          email: `${crypto.randomUUID()}@example.com`,
        })
      ).json()) as Json;
      const res = await post(optinBody(ADMIN_PAGE, "777000111", makeRef(fresh.id)));
      expect(res.status).toBe(200);
      await drain();
      expect(await stateOf(fresh.id)).toHaveLength(0);
      const after = (await (
        await browser.request("GET", `/api/contacts/${fresh.id}`)
      ).json()) as Json;
      expect(after.values[profile.optInFieldName]).toBeUndefined();
      // Each case opts the same person in again: one subscriber, without email (issue 18).
      const subscribers = (await (
        await browser.request("GET", "/api/contacts?limit=100")
      ).json()) as Json;
      const holding = subscribers.contacts.filter(
        (c: Json) => c.values[profile.optInFieldName] === "777000111",
      );
      expect(holding).toEqual([expect.objectContaining({ email: null })]);
    },
  );

  it("answers 200 and ignores events for an unknown page", async () => {
    const before = await inboxCount();
    expect((await post(optinBody("123456789", "1", "a.b.c.d"))).status).toBe(200);
    expect(await inboxCount()).toBe(before);
  });

  it("stores a batched POST in one go: known pages only, each event once, in the order sent", async () => {
    const read = (pageId: string, watermark: number) => ({
      id: pageId,
      time: watermark,
      messaging: [
        {
          sender: { id: "888000111" },
          recipient: { id: pageId },
          timestamp: watermark,
          read: { watermark },
        },
      ],
    });
    const entries = [
      read(ADMIN_PAGE, 1_760_000_000_003),
      read("123456789", 1_760_000_000_002),
      read(MODERATOR_PAGE, 1_760_000_000_001),
      read(ADMIN_PAGE, 1_760_000_000_003),
      read(ADMIN_PAGE, 1_760_000_000_000),
    ];
    const before = await t.db.select().from(webhookEvents);
    expect((await post(JSON.stringify({ object: "page", entry: entries }))).status).toBe(200);
    const added = (await t.db.select().from(webhookEvents))
      .filter((row) => !before.some((old) => old.id === row.id))
      .sort((a, b) => a.id - b.id);
    expect(added.map((row) => [row.pageId, row.kind, row.eventTime?.getTime()])).toEqual([
      [ADMIN_PAGE, "read", 1_760_000_000_003],
      [MODERATOR_PAGE, "read", 1_760_000_000_001],
      [ADMIN_PAGE, "read", 1_760_000_000_000],
    ]);
  });

  it("records the time of a contact's message (Facebook's timestamp)", async () => {
    const [state] = await stateOf(contact.id);
    const timestamp = Date.now() - 5_000;
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: ADMIN_PAGE,
          time: timestamp,
          messaging: [
            {
              sender: { id: state!.psid },
              recipient: { id: ADMIN_PAGE },
              timestamp,
              message: { mid: `m_${timestamp}`, text: "hi" },
            },
          ],
        },
      ],
    });
    expect((await post(body)).status).toBe(200);
    await drain();
    const [after] = await stateOf(contact.id);
    expect(after?.lastInboundAt?.getTime()).toBe(timestamp);
  });

  it("holds a delivery for a message still in flight and applies it once the send is recorded", async () => {
    const [state] = await stateOf(contact.id);
    const [message] = await t.db
      .insert(messengerMessages)
      .values({
        accountId: state!.accountId,
        profileId: profile.id,
        nodeId: "hello",
        enrolmentId: 999_001,
        visit: 0,
        contactId: contact.id,
        psid: state!.psid,
        messagingType: "RESPONSE",
        text: "Hi",
        status: "in_flight",
        day: "2026-11-25",
      })
      .returning();
    const at = Date.now();
    const delivery = JSON.stringify({
      object: "page",
      entry: [
        {
          id: ADMIN_PAGE,
          time: at,
          messaging: [
            {
              sender: { id: state!.psid },
              recipient: { id: ADMIN_PAGE },
              timestamp: at,
              delivery: { mids: ["m_held"], watermark: at },
            },
          ],
        },
      ],
    });
    expect((await post(delivery)).status).toBe(200);
    await drain();
    const [held] = await t.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.kind, "delivery"));
    expect(held).toMatchObject({
      processedAt: null,
      attempts: 1,
      error: "waiting for the send to be recorded",
    });
    expect(held!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await t.db
      .update(messengerMessages)
      .set({ status: "sent", fbMessageId: "m_held", sentAt: new Date(at - 1_000) })
      .where(eq(messengerMessages.id, message!.id));
    await new Promise((r) => setTimeout(r, held!.nextAttemptAt.getTime() - Date.now() + 50));
    await drain();
    const [after] = await t.db
      .select()
      .from(messengerMessages)
      .where(eq(messengerMessages.id, message!.id));
    expect(after?.status).toBe("delivered");
  });

  it("refuses a body over 4 MB with 413 over real HTTP, with its length given or chunked", async () => {
    const big = `{"object":"page","entry":[],"pad":"${"x".repeat(4 * 1024 * 1024)}"}`;
    const url = `${t.url}/webhooks/messenger`;
    const headers = { "content-type": "application/json", "x-hub-signature-256": sign(big) };
    const sized = await fetch(url, { method: "POST", headers, body: big });
    expect(sized.status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const chunked = await fetch(url, {
      method: "POST",
      headers,
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 65_536) {
            controller.enqueue(bytes.subarray(at, at + 65_536));
          }
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // A small body still goes through the same way.
    const small = JSON.stringify({ object: "page", entry: [] });
    const ok = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": sign(small) },
      body: small,
    });
    expect(ok.status).toBe(200);
  });

  it("answers malformed JSON with 400", async () => {
    expect((await post("{ nope")).status).toBe(400);
    expect((await post('{"object":"page","entry":"x"}')).status).toBe(400);
  });

  it("never answers 5xx to arbitrary signed payloads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), async (body) => {
        const res = await post(body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          object: fc.constant("page"),
          entry: fc.array(
            fc.record({
              id: fc.constantFrom(ADMIN_PAGE, "1"),
              time: fc.integer(),
              messaging: fc.array(fc.anything()),
            }),
          ),
        }),
        async (payload) => {
          const res = await post(JSON.stringify(payload));
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    await drain();
  });
});
