import { testDrivers } from "@waymark/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpHarness, type HttpHarness } from "../testing/http-harness";
import type { PageSetup } from "../testing/test-harness";
import { textTo } from "../testing/test-harness";
import type { ReceivedEvent } from "../testing/webhook-receiver";

/** What kind of receipt-related event this is, for order assertions. */
const kind = (e: ReceivedEvent) =>
  e.message?.is_echo ? "echo" : e.delivery ? "delivery" : e.read ? "read" : "other";

describe.each(testDrivers())("held and reordered webhooks over HTTP on %s", (driver) => {
  let t: HttpHarness;
  const randoms: number[] = [];
  beforeAll(async () => {
    t = await createHttpHarness(driver, { random: () => randoms.shift() ?? 0.99 });
  });
  afterEach(async () => {
    await t.h.admin.reset();
    randoms.length = 0;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The echo, delivery and read events of one person's thread, in arrival order. */
  const threadEvents = (s: PageSetup) =>
    t.receiver
      .events()
      .filter((e) => (e.sender?.id === s.psid || e.recipient?.id === s.psid) && !e.optin);

  async function sendAndRead(s: PageSetup, text: string): Promise<string> {
    const answer = await t.send(s, textTo(s.psid, text));
    expect(answer.status).toBe(200);
    const { message_id } = (await answer.json()) as { message_id: string };
    await t.h.admin.markRead({ personId: s.personId, pageId: s.pageId });
    return message_id;
  }

  it("holdEchoes until released: the delivery and read arrive before the echo", async () => {
    const s = await t.h.setupPage();
    expect((await t.post("/_admin/faults", { holdEchoes: {} })).status).toBe(200);
    const mid = await sendAndRead(s, "echo held");
    await t.h.admin.settle();
    expect(threadEvents(s).map(kind)).toEqual(["delivery", "read"]);

    const held = (await (await fetch(`${t.base}/_admin/webhooks/held`)).json()) as {
      data: Array<{ field: string; releaseAt: string | null }>;
    };
    expect(held.data).toMatchObject([{ field: "message_echoes", releaseAt: null }]);
    const release = await t.post("/_admin/webhooks/release", { fields: ["message_echoes"] });
    expect(await release.json()).toEqual({ released: 1 });
    await t.h.admin.settle();
    expect(threadEvents(s).map(kind)).toEqual(["delivery", "read", "echo"]);
    expect(threadEvents(s)[2]?.message?.mid).toBe(mid);
    expect(t.h.admin.heldWebhooks()).toEqual([]);
  });

  it("holdEchoes with ms: released on their own (settle waits for them), after the delivery", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ holdEchoes: { ms: 250 } });
    const started = Date.now();
    await t.send(s, textTo(s.psid, "echo late"));
    await t.h.admin.settle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    expect(threadEvents(s).map(kind)).toEqual(["delivery", "echo"]);
  });

  it("holdEchoes with a pageId holds only that page's echoes", async () => {
    const held = await t.h.setupPage();
    const free = await t.h.setupPage();
    await t.h.admin.setFaults({ holdEchoes: { pageId: held.pageId } });
    await t.send(held, textTo(held.psid, "held page"));
    await t.send(free, textTo(free.psid, "free page"));
    await t.h.admin.settle();
    expect(threadEvents(free).map(kind)).toEqual(["echo", "delivery"]);
    expect(threadEvents(held).map(kind)).toEqual(["delivery"]);
    expect(t.h.admin.releaseWebhooks({ pageId: free.pageId })).toBe(0);
    expect(t.h.admin.releaseWebhooks({ pageId: held.pageId })).toBe(1);
    await t.h.admin.settle();
    expect(threadEvents(held).map(kind)).toEqual(["delivery", "echo"]);
  });

  it("holdReceipts: the echo comes, receipts wait; released read first, then delivery", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ holdReceipts: {} });
    await sendAndRead(s, "receipts held");
    await t.h.admin.settle();
    expect(threadEvents(s).map(kind)).toEqual(["echo"]);
    expect(t.h.admin.releaseWebhooks({ fields: ["message_reads"] })).toBe(1);
    await t.h.admin.settle();
    expect(t.h.admin.releaseWebhooks({ fields: ["message_deliveries"] })).toBe(1);
    await t.h.admin.settle();
    expect(threadEvents(s).map(kind)).toEqual(["echo", "read", "delivery"]);
  });

  it("reorderReceipts: a thread's echo, delivery and read come newest first, each in a POST of its own", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ reorderReceipts: { windowMs: 300 } });
    expect(t.h.admin.getFaults().reorderReceipts).toEqual({ order: "reverse", windowMs: 300 });
    await sendAndRead(s, "reversed");
    await t.h.admin.settle();
    const events = threadEvents(s);
    expect(events.map(kind)).toEqual(["read", "delivery", "echo"]);
    expect(new Set(events.map((e) => e.post)).size).toBe(3);
  });

  it("reorderReceipts shuffle draws one rank per event from the injected random", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ reorderReceipts: { order: "shuffle", windowMs: 300 } });
    randoms.push(0.9, 0.1, 0.5); // echo, delivery, read
    await sendAndRead(s, "shuffled");
    await t.h.admin.settle();
    expect(threadEvents(s).map(kind)).toEqual(["delivery", "read", "echo"]);
    expect(randoms).toEqual([]);
  });

  it("reset drops held events unsent; clearing the faults leaves them held", async () => {
    const s = await t.h.setupPage();
    await t.h.admin.setFaults({ holdEchoes: {}, holdReceipts: {} });
    await sendAndRead(s, "never echoed");
    expect((await t.post("/_admin/faults", {})).status).toBe(200);
    expect((await fetch(`${t.base}/_admin/faults`, { method: "DELETE" })).status).toBe(200);
    expect(t.h.admin.heldWebhooks().map((h) => h.field)).toEqual([
      "message_echoes",
      "message_deliveries",
      "message_reads",
    ]);
    expect((await t.post("/_admin/reset", {})).status).toBe(200);
    expect(t.h.admin.heldWebhooks()).toEqual([]);
    expect(t.h.admin.getFaults().holdEchoes).toBeNull();
    expect(t.h.admin.releaseWebhooks()).toBe(0);
    await t.h.admin.settle();
    expect(threadEvents(s)).toEqual([]);
  });

  it("refuses bad hold, reorder and answer settings with a 400 naming the field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ holdEchoes: { ms: -1 } }, "holdEchoes.ms"],
      [{ holdEchoes: { msec: 5 } }, "msec"],
      [{ holdEcho: {} }, "holdEcho"],
      [{ holdReceipts: { ms: 1.5 } }, "holdReceipts.ms"],
      [{ reorderReceipts: { order: "sideways" } }, "reorderReceipts.order"],
      [{ reorderReceipts: { windowMs: 0 } }, "reorderReceipts.windowMs"],
      [{ answerDelayMs: "5" }, "answerDelayMs"],
      [{ dropAnswerAfterAccept: { rate: 2 } }, "dropAnswerAfterAccept.rate"],
      [{ dropAnswerAfterAccept: { count: 0 } }, "dropAnswerAfterAccept.count"],
      [{ dropAnswerAfterAccept: { pageId: "999" } }, "dropAnswerAfterAccept.pageId"],
    ];
    for (const [body, field] of cases) {
      const response = await t.post("/_admin/faults", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message, JSON.stringify(body)).toContain(field);
    }
    const badRelease = await t.post("/_admin/webhooks/release", { fields: ["messages"] });
    expect(badRelease.status).toBe(400);
    expect(((await badRelease.json()) as { error: { message: string } }).error.message).toContain(
      "fields",
    );
    expect(t.h.admin.getFaults()).toMatchObject({
      holdEchoes: null,
      answerDelayMs: 0,
      dropAnswerAfterAccept: null,
    });
  });
});
