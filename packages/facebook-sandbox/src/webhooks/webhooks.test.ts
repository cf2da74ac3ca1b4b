import { createHmac } from "node:crypto";
import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, APP_SECRET, createHarness, type Harness, textTo } from "../testing/test-harness";
import { startWebhookReceiver } from "../testing/webhook-receiver";

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
interface MessagingEvent {
  sender?: { id: string };
  recipient?: { id: string };
  timestamp?: number;
  message?: { mid?: string; text?: string; is_echo?: boolean };
  optin?: unknown;
  delivery?: unknown;
  read?: unknown;
}
type Payload = {
  object: string;
  entry: Array<{ id: string; time: number; messaging: MessagingEvent[] }>;
};

const events = (receiver: Receiver) =>
  receiver
    .posts()
    .flatMap((r) =>
      (JSON.parse(r.raw.toString("utf8")) as Payload).entry.flatMap((e) => e.messaging),
    );

describe.each(testDrivers())("webhooks over HTTP on %s", (driver) => {
  let h: Harness;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    const fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);
    h = await createHarness(driver, { webhookUrl: receiver.url, fetch, deliveryDelayMs: 20 });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  it("signs the exact bytes, escapes non-ASCII as \\u and slashes, in Facebook's envelope", async () => {
    const s = await h.setupPage();
    await h.admin.writeMessage({
      personId: s.personId,
      pageId: s.pageId,
      text: "¡Hola, Zoë! 😀 https://x.test/a",
    });
    await h.admin.settle();
    const post = receiver.posts().find((r) => r.raw.includes("Hola"));
    expect(post).toBeDefined();
    const raw = post!.raw;
    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
    const text = raw.toString("utf8");
    expect(text).toContain("\\u00a1Hola, Zo\\u00eb! \\ud83d\\ude00 https:\\/\\/x.test\\/a");
    const expected = createHmac("sha256", APP_SECRET).update(raw).digest("hex");
    expect(post!.headers["x-hub-signature-256"]).toBe(`sha256=${expected}`);
    expect(post!.headers["x-hub-signature"]).toBe(
      `sha1=${createHmac("sha1", APP_SECRET).update(raw).digest("hex")}`,
    );
    expect(post!.headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(text) as Payload;
    expect(payload.object).toBe("page");
    const entry = payload.entry.find((e) => e.messaging[0]?.message);
    expect(entry).toMatchObject({ id: s.pageId, time: h.now() });
    expect(entry?.messaging).toHaveLength(1);
    expect(entry?.messaging[0]).toMatchObject({
      sender: { id: s.psid },
      recipient: { id: s.pageId },
      timestamp: h.now(),
      message: { text: "¡Hola, Zoë! 😀 https://x.test/a" },
    });
    expect(entry?.messaging[0]?.message?.mid).toMatch(/^m_/);
  });

  it("sends the opt-in with the ref, then echo, delivery and read for a send", async () => {
    const s = await h.setupPage();
    const send = await h.send(
      s,
      textTo(s.psid, "Your order shipped", {
        message: { text: "Your order shipped", metadata: "wm:42" },
      }),
    );
    const { message_id: mid } = (await send.json()) as { message_id: string };
    await h.admin.settle();
    await h.admin.markRead({ personId: s.personId, pageId: s.pageId });
    await h.admin.settle();
    const mine = events(receiver).filter(
      (e) => e.sender?.id === s.psid || e.recipient?.id === s.psid,
    );
    expect(mine.find((e) => e.optin)).toEqual({
      sender: { id: s.psid },
      recipient: { id: s.pageId },
      timestamp: expect.any(Number),
      optin: { ref: "test-ref" },
    });
    expect(mine.find((e) => e.message?.is_echo)).toEqual({
      sender: { id: s.pageId },
      recipient: { id: s.psid },
      timestamp: expect.any(Number),
      message: {
        is_echo: true,
        app_id: Number(APP_ID),
        metadata: "wm:42",
        mid,
        text: "Your order shipped",
      },
    });
    const delivery = mine.find((e) => e.delivery);
    expect(delivery).toEqual({
      sender: { id: s.psid },
      recipient: { id: s.pageId },
      delivery: { mids: [mid], watermark: h.now() },
    });
    const read = mine.find((e) => e.read);
    expect(read).toEqual({
      sender: { id: s.psid },
      recipient: { id: s.pageId },
      timestamp: h.now(),
      read: { watermark: h.now() },
    });
  });

  it("only sends the fields the page subscribed", async () => {
    const s = await h.setupPage({ fields: ["messages"] });
    await h.send(s, textTo(s.psid, "quiet"));
    await h.admin.writeMessage({
      personId: s.personId,
      pageId: s.pageId,
      text: "only-messages-field",
    });
    await h.admin.settle();
    const mine = events(receiver).filter(
      (e) => e.sender?.id === s.psid || e.recipient?.id === s.psid,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]?.message?.text).toBe("only-messages-field");
  });

  it("retries on 500 with the same bytes until a 2xx", async () => {
    const s = await h.setupPage({ fields: ["messages"] });
    const before = receiver.posts().length;
    receiver.failNext(500, 503);
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "retry me" });
    await h.admin.settle();
    const attempts = receiver.posts().slice(before);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.raw.toString())).size).toBe(1);
    const log = h.admin.webhookLog(3).map((l) => [l.outcome, l.status, l.attempt]);
    expect(log).toEqual([
      ["retrying", 500, 1],
      ["retrying", 503, 2],
      ["delivered", 200, 3],
    ]);
  });

  it("gives up after the bounded number of attempts", async () => {
    const s = await h.setupPage({ fields: ["messages"] });
    receiver.failNext(500, 500, 500);
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "lost" });
    await h.admin.settle();
    expect(h.admin.webhookLog(1)[0]).toMatchObject({ outcome: "gave_up", attempt: 3, status: 500 });
  });

  it("performs the verification handshake", async () => {
    const result = await h.admin.verifyWebhook();
    expect(result.ok).toBe(true);
    const get = receiver.requests.find((r) => r.method === "GET");
    expect(get?.url).toContain("hub.mode=subscribe");
  });
});
