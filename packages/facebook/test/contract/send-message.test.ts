import { testDrivers } from "@waymark/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EchoWebhookEvent, SendMessageInput, WebhookEvent } from "../../src/index";
import {
  APP_ID,
  type ConnectedPage,
  type ContractHarness,
  connectPage,
  pageOf,
  startContractHarness,
} from "./contract-harness";

const HOUR = 60 * 60 * 1000;

const update = (page: ConnectedPage, text = "Hello from the contract test"): SendMessageInput => ({
  pageToken: page.pageToken,
  psid: page.psid,
  text,
  messagingType: "UPDATE",
});

const tagged = (page: ConnectedPage, tag: string): SendMessageInput => ({
  pageToken: page.pageToken,
  psid: page.psid,
  text: "Your order has shipped.",
  messagingType: "MESSAGE_TAG",
  tag,
});

describe.each(testDrivers())("client ↔ sandbox over HTTP: Send API on %s", (driver) => {
  let h: ContractHarness;
  beforeAll(async () => {
    h = await startContractHarness(driver);
  });
  afterEach(() => {
    h.sandbox.admin.resetFaults();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("returns the message id and PSID; the echo carries the send's metadata", async () => {
    const page = await connectPage(h);
    const text = "¡Hola Zoë! Your catalogue: https://shop.example/spring 😀";
    const sent = await h.client.sendMessage({ ...update(page, text), metadata: "wm:msg:42" });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.messageId).toMatch(/\S/);
    expect(sent.recipientId).toBe(page.psid);

    const isEcho = (e: WebhookEvent): e is EchoWebhookEvent =>
      e.kind === "echo" && e.mid === sent.messageId;
    const echo = await h.receiver.waitForEvent(isEcho);
    expect(echo).toMatchObject({
      pageId: page.pageId,
      psid: page.psid,
      appId: APP_ID,
      metadata: "wm:msg:42",
      text,
    });
    const delivery = await h.receiver.waitForEvent(
      (e): e is WebhookEvent & { kind: "delivery" } =>
        e.kind === "delivery" && e.mids.includes(sent.messageId),
    );
    expect(delivery.psid).toBe(page.psid);
    expect(delivery.watermark).toBe(h.now());

    const [stored] = await h.sandbox.admin.messages({ psid: page.psid, limit: 1 });
    expect(stored).toMatchObject({ mid: sent.messageId, text, metadata: "wm:msg:42" });
  });

  it("token invalid: after the app is removed from the Page, 190 until the Page is listed again", async () => {
    const page = await connectPage(h);
    expect(await h.sandbox.admin.revokePage(page.pageId)).toBeGreaterThan(0);
    expect(await h.client.sendMessage(update(page))).toEqual({
      ok: false,
      error: expect.objectContaining({
        kind: "graph",
        code: 190,
        subcode: 458,
        type: "OAuthException",
        httpStatus: 400,
        classification: "token_invalid",
        fbtraceId: expect.any(String),
      }),
    });
    // Reconnecting (listing the Page again) hands out a new Page token that works.
    const userToken = await h.sandbox.admin.issueUserToken({ userId: page.userId });
    const relisted = await pageOf(h.client, userToken, page.pageId);
    expect(relisted.accessToken).not.toBe(page.pageToken);
    const sent = await h.client.sendMessage({ ...update(page), pageToken: relisted.accessToken! });
    expect(sent.ok).toBe(true);
  });

  it("blocked person: 551 / 1545041, permanent for this contact", async () => {
    const page = await connectPage(h);
    await h.sandbox.admin.block({ personId: page.personId, pageId: page.pageId });
    expect(await h.client.sendMessage(update(page))).toMatchObject({
      ok: false,
      error: {
        kind: "graph",
        code: 551,
        subcode: 1545041,
        classification: "permanent_recipient",
      },
    });
    await h.sandbox.admin.unblock({ personId: page.personId, pageId: page.pageId });
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
  });

  it("unknown PSID: 100 / 2018001, permanent for this contact", async () => {
    const page = await connectPage(h);
    expect(await h.client.sendMessage({ ...update(page), psid: "9999999999999999" })).toMatchObject(
      {
        ok: false,
        error: {
          kind: "graph",
          code: 100,
          subcode: 2018001,
          classification: "permanent_recipient",
        },
      },
    );
  });

  it("outside the window under policy 2020: 10 / 2018278; tags still go out; a reply reopens it", async () => {
    const page = await connectPage(h, { policyVersion: "2020" });
    h.advance(24 * HOUR - 1);
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
    h.advance(1);
    expect(await h.client.sendMessage(update(page))).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 10, subcode: 2018278, classification: "window" },
    });
    expect((await h.client.sendMessage(tagged(page, "POST_PURCHASE_UPDATE"))).ok).toBe(true);
    // HUMAN_AGENT needs a message from the person within 7 days; an opt-in is not one.
    expect(await h.client.sendMessage(tagged(page, "HUMAN_AGENT"))).toMatchObject({
      ok: false,
      error: { code: 10, subcode: 2018278, classification: "window" },
    });
    await h.sandbox.admin.writeMessage({
      personId: page.personId,
      pageId: page.pageId,
      text: "Still there?",
    });
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
    expect((await h.client.sendMessage(tagged(page, "HUMAN_AGENT"))).ok).toBe(true);
  });

  it("outside the window under policy 2018: one more message (24 + 1), then 10 / 2018065", async () => {
    const page = await connectPage(h, { policyVersion: "2018" });
    h.advance(25 * HOUR);
    expect((await h.client.sendMessage(update(page, "the +1"))).ok).toBe(true);
    expect(await h.client.sendMessage(update(page, "one too many"))).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 10, subcode: 2018065, classification: "window" },
    });
  });

  it("bad tag: a tag of the other policy version is a bad request (100)", async () => {
    const page2020 = await connectPage(h, { policyVersion: "2020" });
    for (const tag of ["PERSONAL_PRODUCTIVITY", "SHIPPING_UPDATE"]) {
      expect(await h.client.sendMessage(tagged(page2020, tag))).toMatchObject({
        ok: false,
        error: { kind: "graph", code: 100, classification: "bad_request", httpStatus: 400 },
      });
    }
    const page2018 = await connectPage(h, { policyVersion: "2018" });
    expect(await h.client.sendMessage(tagged(page2018, "POST_PURCHASE_UPDATE"))).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 100, classification: "bad_request" },
    });
    expect((await h.client.sendMessage(tagged(page2018, "SHIPPING_UPDATE"))).ok).toBe(true);
  });

  it("rate limit: the per-Page cap and injected 613 are retried with a rate-limit backoff", async () => {
    const page = await connectPage(h);
    h.advance(1000);
    await h.sandbox.admin.setFaults({ rateCapPerSecond: 2 });
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
    expect(await h.client.sendMessage(update(page))).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 613, classification: "retry", backoff: "rate_limit" },
    });
    h.advance(1000); // the next second of the (injected) clock
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);

    await h.sandbox.admin.setFaults({ rateCapPerSecond: null, errors: [{ code: 613, count: 1 }] });
    expect(await h.client.sendMessage(update(page))).toMatchObject({
      ok: false,
      error: { code: 613, classification: "retry", backoff: "rate_limit" },
    });
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
  });

  it("5xx burst and transient codes (2, 1200) are classified retry/transient", async () => {
    const page = await connectPage(h);
    await h.sandbox.admin.setFaults({ burst: { status: 503, count: 2 } });
    for (let i = 0; i < 2; i++) {
      expect(await h.client.sendMessage(update(page))).toMatchObject({
        ok: false,
        error: {
          kind: "graph",
          code: 2,
          httpStatus: 503,
          classification: "retry",
          backoff: "transient",
        },
      });
    }
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);

    await h.sandbox.admin.setFaults({
      errors: [
        { code: 2, count: 1 },
        { code: 1200, count: 1 },
      ],
    });
    expect(await h.client.sendMessage(update(page))).toMatchObject({
      ok: false,
      error: { code: 2, httpStatus: 500, classification: "retry", backoff: "transient" },
    });
    expect(await h.client.sendMessage(update(page))).toMatchObject({
      ok: false,
      error: { code: 1200, subcode: 2018024, classification: "retry", backoff: "transient" },
    });
    expect((await h.client.sendMessage(update(page))).ok).toBe(true);
  });

  it("a send that times out is 'unknown' (it did go out); an idempotent call is 'retry'", async () => {
    const page = await connectPage(h);
    const impatient = h.clientWith({ timeoutMs: 100 });
    await h.sandbox.admin.setFaults({ latencyMs: 400 });
    const text = `slow ${Math.random()}`;
    expect(await impatient.sendMessage(update(page, text))).toMatchObject({
      ok: false,
      error: { kind: "unknown", classification: "unknown", reason: "timeout" },
    });
    expect(await impatient.getSubscribedApps(page.pageId, page.pageToken)).toMatchObject({
      ok: false,
      error: { kind: "retry", classification: "retry", reason: "timeout" },
    });
    h.sandbox.admin.resetFaults();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Why 'unknown' must not be resent: the sandbox accepted the message after all.
    const stored = await h.sandbox.admin.messages({ psid: page.psid, limit: 5 });
    expect(stored.map((m) => m.text)).toContain(text);
  });

  it("a user token cannot send (230, permission)", async () => {
    const page = await connectPage(h);
    const userToken = await h.sandbox.admin.issueUserToken({ userId: page.userId });
    expect(await h.client.sendMessage({ ...update(page), pageToken: userToken })).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 230, classification: "permission" },
    });
  });
});
