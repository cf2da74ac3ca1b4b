import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGraphError } from "../testing/graph-assertions";
import { createHarness, type Harness, textTo } from "../testing/test-harness";

const HOUR = 60 * 60 * 1000;
const tagged = (psid: string, tag: string) =>
  textTo(psid, `Tagged ${tag}`, { messaging_type: "MESSAGE_TAG", tag });

describe.each(testDrivers())("messaging windows on %s", (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("2018: standard messages for 24 h after the opt-in, then exactly one more until the person writes", async () => {
    const s = await h.setupPage({ policyVersion: "2018" });
    h.advance(23 * HOUR);
    expect((await h.send(s, textTo(s.psid, "inside"))).status).toBe(200);
    h.advance(HOUR);
    expect((await h.send(s, textTo(s.psid, "the +1", { messaging_type: "RESPONSE" }))).status).toBe(
      200,
    );
    await expectGraphError(await h.send(s, textTo(s.psid, "one too many")), {
      code: 10,
      subcode: 2018065,
    });
    expect((await h.send(s, tagged(s.psid, "SHIPPING_UPDATE"))).status).toBe(200);

    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "hello again" });
    expect((await h.send(s, textTo(s.psid, "after the reply"))).status).toBe(200);
    h.advance(25 * HOUR);
    expect((await h.send(s, textTo(s.psid, "a new +1"))).status).toBe(200);
    await expectGraphError(await h.send(s, textTo(s.psid, "refused")), {
      code: 10,
      subcode: 2018065,
    });
  });

  it("2018: the +1 survives a restart", async () => {
    const s = await h.setupPage({ policyVersion: "2018" });
    h.advance(30 * HOUR);
    expect((await h.send(s, textTo(s.psid, "the +1"))).status).toBe(200);
    await h.restart();
    await expectGraphError(await h.send(s, textTo(s.psid, "refused")), {
      code: 10,
      subcode: 2018065,
    });
  });

  it("2020: no +1 after 24 h; only current tags; the person's message reopens the window", async () => {
    const s = await h.setupPage({ policyVersion: "2020" });
    h.advance(24 * HOUR);
    await expectGraphError(await h.send(s, textTo(s.psid, "late")), { code: 10, subcode: 2018278 });
    expect((await h.send(s, tagged(s.psid, "POST_PURCHASE_UPDATE"))).status).toBe(200);
    expect((await h.send(s, tagged(s.psid, "ACCOUNT_UPDATE"))).status).toBe(200);
    await expectGraphError(await h.send(s, tagged(s.psid, "SHIPPING_UPDATE")), { code: 100 });
    await expectGraphError(await h.send(s, tagged(s.psid, "NON_PROMOTIONAL_SUBSCRIPTION")), {
      code: 100,
    });
    await expectGraphError(
      await h.send(s, textTo(s.psid, "x", { messaging_type: "NON_PROMOTIONAL_SUBSCRIPTION" })),
      { code: 100 },
    );
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "hi" });
    expect((await h.send(s, textTo(s.psid, "reply", { messaging_type: "RESPONSE" }))).status).toBe(
      200,
    );
  });

  it("2020: HUMAN_AGENT only within 7 days of the person's last message", async () => {
    const s = await h.setupPage({ policyVersion: "2020" });
    await expectGraphError(await h.send(s, tagged(s.psid, "HUMAN_AGENT")), {
      code: 10,
      subcode: 2018278,
    });
    await h.admin.writeMessage({ personId: s.personId, pageId: s.pageId, text: "help" });
    h.advance(6 * 24 * HOUR);
    expect((await h.send(s, tagged(s.psid, "HUMAN_AGENT"))).status).toBe(200);
    h.advance(2 * 24 * HOUR);
    await expectGraphError(await h.send(s, tagged(s.psid, "HUMAN_AGENT")), {
      code: 10,
      subcode: 2018278,
    });
  });

  it("NON_PROMOTIONAL_SUBSCRIPTION only for approved pages, at any time", async () => {
    const approved = await h.setupPage({ policyVersion: "2018", approved: true });
    const plain = await h.setupPage({ policyVersion: "2018" });
    h.advance(72 * HOUR);
    expect(
      (await h.send(approved, tagged(approved.psid, "NON_PROMOTIONAL_SUBSCRIPTION"))).status,
    ).toBe(200);
    const legacy = textTo(approved.psid, "legacy type", {
      messaging_type: "NON_PROMOTIONAL_SUBSCRIPTION",
    });
    expect((await h.send(approved, legacy)).status).toBe(200);
    await expectGraphError(
      await h.send(plain, tagged(plain.psid, "NON_PROMOTIONAL_SUBSCRIPTION")),
      { code: 200 },
    );
  });

  it("changing a page's policy version takes effect at once", async () => {
    const s = await h.setupPage({ policyVersion: "2018" });
    h.advance(25 * HOUR);
    await h.admin.updatePage(s.pageId, { policyVersion: "2020" });
    await expectGraphError(await h.send(s, textTo(s.psid, "late")), { code: 10, subcode: 2018278 });
    await h.admin.updatePage(s.pageId, { policyVersion: "2018" });
    expect((await h.send(s, textTo(s.psid, "the +1"))).status).toBe(200);
  });

  it("user_ref: one message within 24 h of the checkbox opt-in, no recipient_id, then a PSID after the reply", async () => {
    const s = await h.setupPage();
    const person = await h.admin.addPerson({ firstName: "Zoë", lastName: "Ng" });
    await h.admin.checkboxOptIn({
      personId: person.id,
      pageId: s.pageId,
      userRef: "cb-1",
      ref: "checkout",
    });
    const first = await h.send(s, {
      recipient: { user_ref: "cb-1" },
      messaging_type: "UPDATE",
      message: { text: "Thanks!" },
    });
    expect(Object.keys((await first.json()) as object)).toEqual(["message_id"]);
    await expectGraphError(
      await h.send(s, {
        recipient: { user_ref: "cb-1" },
        messaging_type: "UPDATE",
        message: { text: "Again" },
      }),
      { code: 10, subcode: 2018278 },
    );
    const { psid } = await h.admin.writeMessage({
      personId: person.id,
      pageId: s.pageId,
      text: "hi from Zoë",
    });
    expect((await h.send(s, textTo(psid))).status).toBe(200);
    await h.admin.settle();
    const reply = h
      .events()
      .find((e) => (e.message as { text?: string } | undefined)?.text === "hi from Zoë");
    expect(reply?.prior_message).toEqual({ source: "checkbox_plugin", identifier: "cb-1" });
  });

  it("user_ref: refused after 24 h", async () => {
    const s = await h.setupPage();
    const person = await h.admin.addPerson({ firstName: "Late", lastName: "Person" });
    await h.admin.checkboxOptIn({ personId: person.id, pageId: s.pageId, userRef: "cb-late" });
    h.advance(24 * HOUR);
    await expectGraphError(
      await h.send(s, {
        recipient: { user_ref: "cb-late" },
        messaging_type: "UPDATE",
        message: { text: "x" },
      }),
      { code: 10, subcode: 2018278 },
    );
  });
});
