import { createHmac } from "node:crypto";
import { testDrivers } from "@waymark/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type MessageWebhookEvent,
  type OptinWebhookEvent,
  parseWebhookEvents,
  type ReadWebhookEvent,
  verifySignature,
  type WebhookEvent,
} from "../../src/index";
import {
  APP_SECRET,
  type ContractHarness,
  connectPage,
  type ReceivedWebhook,
  startContractHarness,
} from "./contract-harness";

const isMessage =
  (text: string) =>
  (e: WebhookEvent): e is MessageWebhookEvent =>
    e.kind === "message" && e.text === text;

/** The POST that carried the event with this dedupe key. */
function postOf(h: ContractHarness, dedupeKey: string): ReceivedWebhook {
  const post = h.receiver.posts.find((p) =>
    p.events.some((e) => e.kind !== "unknown" && e.dedupeKey === dedupeKey),
  );
  if (!post) throw new Error(`no POST carried ${dedupeKey}`);
  return post;
}

describe.each(testDrivers())("client ↔ sandbox over HTTP: webhooks on %s", (driver) => {
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

  it("passes the verification handshake checked by verifyWebhookHandshake", async () => {
    const before = h.receiver.handshakes;
    const result = await h.sandbox.admin.verifyWebhook();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.body).toBe(result.challenge);
    expect(h.receiver.handshakes).toBe(before + 1);
  });

  it("a Send to Messenger opt-in arrives signed and parses as an opt-in with its ref", async () => {
    const page = await connectPage(h, { ref: "wm.ref:ABC-123_x/y=+" });
    const optin = await h.receiver.waitForEvent(
      (e): e is OptinWebhookEvent => e.kind === "optin" && e.psid === page.psid,
    );
    expect(optin).toMatchObject({
      source: "send_to_messenger",
      pageId: page.pageId,
      ref: "wm.ref:ABC-123_x/y=+",
      timestamp: h.now(),
    });
    expect(postOf(h, optin.dedupeKey).verified).toBe(true);
  });

  it("verifies the exact bytes received; a changed byte, a re-serialised body or sha1 only fail", async () => {
    const page = await connectPage(h);
    const text = "¡Hola! Zoë wrote 😀 — see https://x.example/a?b=1";
    await h.sandbox.admin.writeMessage({ personId: page.personId, pageId: page.pageId, text });
    const message = await h.receiver.waitForEvent(isMessage(text));
    expect(message).toMatchObject({ pageId: page.pageId, psid: page.psid, timestamp: h.now() });

    const post = postOf(h, message.dedupeKey);
    const raw = post.raw;
    const header = post.headers["x-hub-signature-256"] as string;
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(raw, header, APP_SECRET)).toBe(true);
    // Facebook escapes non-ASCII as \uXXXX (and "/" as "\/"): the bytes are ASCII only.
    expect(raw.every((byte) => byte < 0x80)).toBe(true);
    expect(raw.toString("utf8")).toContain("\\u00a1Hola! Zo\\u00eb");

    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString("utf8"))), "utf8");
    expect(reserialised.equals(raw)).toBe(false);
    expect(verifySignature(reserialised, header, APP_SECRET)).toBe(false);
    const changed = Buffer.from(raw);
    const last = changed.length - 2;
    changed[last] = changed[last]! ^ 0x01;
    expect(verifySignature(changed, header, APP_SECRET)).toBe(false);
    expect(verifySignature(raw, undefined, APP_SECRET)).toBe(false);
    expect(verifySignature(raw, post.headers["x-hub-signature"] as string, APP_SECRET)).toBe(false);
    expect(post.headers["x-hub-signature"]).toBe(
      `sha1=${createHmac("sha1", APP_SECRET).update(raw).digest("hex")}`,
    );
    expect(verifySignature(raw, header, "another-secret")).toBe(false);

    const parsed = parseWebhookEvents(JSON.parse(raw.toString("utf8")));
    expect(parsed.ok && parsed.object).toBe("page");
  });

  it("opening the conversation delivers and reads: message_reads with the watermark", async () => {
    const page = await connectPage(h);
    const sent = await h.client.sendMessage({
      pageToken: page.pageToken,
      psid: page.psid,
      text: "Read me",
      messagingType: "UPDATE",
    });
    if (!sent.ok) throw new Error(sent.error.message);
    await h.sandbox.admin.markRead({ personId: page.personId, pageId: page.pageId });
    const read = await h.receiver.waitForEvent(
      (e): e is ReadWebhookEvent => e.kind === "read" && e.psid === page.psid,
    );
    expect(read).toMatchObject({ pageId: page.pageId, watermark: h.now() });
  });

  it("a redelivered event (after a 500, or duplicated) keeps its dedupe key", async () => {
    const page = await connectPage(h);
    await h.sandbox.admin.settle();
    h.receiver.failNext(500);
    await h.sandbox.admin.writeMessage({
      personId: page.personId,
      pageId: page.pageId,
      text: "after a 500",
    });
    await h.sandbox.admin.settle();
    const retried = h.receiver.events().filter(isMessage("after a 500"));
    expect(retried.length).toBe(2);
    expect(new Set(retried.map((e) => e.dedupeKey)).size).toBe(1);
    const log = h.sandbox.admin.webhookLog(10).filter((l) => l.body.includes("after a 500"));
    expect(log.map((l) => [l.outcome, l.status])).toEqual([
      ["retrying", 500],
      ["delivered", 200],
    ]);

    await h.sandbox.admin.setFaults({ webhooks: { duplicate: 1 } });
    await h.sandbox.admin.writeMessage({
      personId: page.personId,
      pageId: page.pageId,
      text: "twice",
    });
    await h.sandbox.admin.settle();
    const twice = h.receiver.events().filter(isMessage("twice"));
    expect(twice.length).toBe(2);
    expect(twice[0]?.dedupeKey).toBe(twice[1]?.dedupeKey);
  });

  it("after unsubscribeApp the Page's events are no longer delivered", async () => {
    const page = await connectPage(h);
    expect(await h.client.unsubscribeApp(page.pageId, page.pageToken)).toEqual({ ok: true });
    await h.sandbox.admin.writeMessage({
      personId: page.personId,
      pageId: page.pageId,
      text: "nobody listens",
    });
    await h.sandbox.admin.settle();
    expect(h.receiver.events().filter(isMessage("nobody listens"))).toEqual([]);
    expect(h.receiver.posts.every((p) => p.verified)).toBe(true);
  });
});
