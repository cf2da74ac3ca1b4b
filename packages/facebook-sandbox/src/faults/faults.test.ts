import { testDrivers } from "@waymark/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectGraphError } from "../testing/graph-assertions";
import { createHarness, type Harness, textTo } from "../testing/test-harness";

describe.each(testDrivers())("fault injection on %s", (driver) => {
  let h: Harness;
  const randoms: number[] = [];
  beforeAll(async () => {
    h = await createHarness(driver, { random: () => randoms.shift() ?? 0.99 });
  });
  afterEach(() => {
    h.admin.resetFaults();
    randoms.length = 0;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("caps sends per page per second with code 613 and reports X-Page-Usage", async () => {
    const s = await h.setupPage();
    await h.admin.setFaults({ rateCapPerSecond: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.send(s, textTo(s.psid, `n${i}`))).status);
    expect(statuses).toEqual([200, 200, 200, 400, 400]);
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 613 });
    const other = await h.setupPage();
    const ok = await h.send(other, textTo(other.psid));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.headers.get("x-page-usage") ?? "{}")).toMatchObject({ call_count: 33 });
    h.advance(1000);
    expect((await h.send(s, textTo(s.psid))).status).toBe(200);
  });

  it("injects errors by code at a rate", async () => {
    const s = await h.setupPage({ fields: ["messages"] });
    await h.admin.setFaults({ errors: [{ code: 1200, rate: 0.5 }] });
    randoms.push(0.2, 0.7, 0.4);
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 1200, subcode: 2018024 });
    expect((await h.send(s, textTo(s.psid))).status).toBe(200);
    const transient = await h.send(s, textTo(s.psid));
    const body = await expectGraphError(transient, { code: 1200, subcode: 2018024 });
    expect(body.is_transient).toBe(true);
  });

  it("injects a counted run of code 2 as HTTP 500, then recovers", async () => {
    const s = await h.setupPage();
    await h.admin.setFaults({ errors: [{ code: 2, count: 2 }] });
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 2, status: 500 });
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 2, status: 500 });
    expect((await h.send(s, textTo(s.psid))).status).toBe(200);
  });

  it("answers a burst of 5xx on any Graph call", async () => {
    const s = await h.setupPage();
    await h.admin.setFaults({ burst: { status: 503, count: 2 } });
    expect((await h.send(s, textTo(s.psid))).status).toBe(503);
    expect((await h.app.request("/v25.0/me")).status).toBe(503);
    expect((await h.send(s, textTo(s.psid))).status).toBe(200);
  });

  it("adds latency", async () => {
    const s = await h.setupPage();
    await h.admin.setFaults({ latencyMs: 60 });
    const started = Date.now();
    await h.send(s, textTo(s.psid));
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("{ code: 190 } revokes the page's tokens (app removed from the page)", async () => {
    const s = await h.setupPage();
    await h.admin.setFaults({ errors: [{ code: 190, pageId: s.pageId }] });
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 190, subcode: 458 });
    expect(h.admin.getFaults().errors).toEqual([]);
    const fresh = await h.admin.pageToken({ userId: s.userId, pageId: s.pageId });
    expect(fresh).not.toBe(s.token);
  });

  it("duplicates and drops webhooks", async () => {
    const s = await h.setupPage({ fields: ["messages"] });
    await h.admin.settle();
    const before = h.webhooks.length;
    await h.admin.setFaults({ webhooks: { duplicate: 1 } });
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "twice" });
    await h.admin.settle();
    const twice = h.webhooks.slice(before).filter((w) => w.body.includes("twice"));
    expect(twice).toHaveLength(2);
    expect(twice[0]?.body).toBe(twice[1]?.body);

    await h.admin.setFaults({ webhooks: { drop: 1 } });
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "never" });
    await h.admin.settle();
    expect(h.webhooks.some((w) => w.body.includes("never"))).toBe(false);
    expect(h.admin.webhookLog(1)[0]?.outcome).toBe("dropped");
  });

  it("delays and reorders webhooks", async () => {
    const s = await h.setupPage({ fields: ["messages"] });
    await h.admin.setFaults({ webhooks: { delay: 1, delayMs: 80 } });
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "first-delayed" });
    await h.admin.resetFaults();
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "second-on-time" });
    await h.admin.settle();
    const order = h.webhooks
      .map((w) => w.body)
      .filter((b) => b.includes("-delayed") || b.includes("-on-time"));
    expect(order[0]).toContain("second-on-time");
    expect(order[1]).toContain("first-delayed");
  });

  it("is driven over the admin JSON routes too", async () => {
    const set = await h.app.request("/_admin/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ errors: [{ code: 613, rate: 0.3 }], latencyMs: 0 }),
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { errors: unknown[] }).errors).toEqual([
      { code: 613, rate: 0.3 },
    ]);
    const bad = await h.app.request("/_admin/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ errors: [{ code: "x" }] }),
    });
    expect(bad.status).toBe(400);
    const reset = await h.app.request("/_admin/faults", { method: "DELETE" });
    expect(((await reset.json()) as { errors: unknown[] }).errors).toEqual([]);
  });
});
