import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGraphError } from "../testing/graph-assertions";
import { createHttpHarness, type HttpHarness } from "../testing/http-harness";
import { type PageSetup, textTo } from "../testing/test-harness";

const HOUR = 60 * 60 * 1000;

describe.each(testDrivers())("back-dated person events over HTTP on %s", (driver) => {
  let t: HttpHarness;
  beforeAll(async () => {
    t = await createHttpHarness(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A page and a person who has not interacted with it yet. */
  async function freshPerson(policyVersion: "2018" | "2020") {
    const s = await t.h.setupPage({ policyVersion });
    const person = await t.h.admin.addPerson({ firstName: "Late", lastName: "Event" });
    return { s, personId: person.id };
  }

  const write = (personId: string, pageId: string, text: string, timestamp?: number) =>
    t.post(`/_admin/people/${personId}/messages`, { pageId, text, timestamp });
  const optIn = (personId: string, pageId: string, timestamp?: number) =>
    t.post(`/_admin/people/${personId}/opt-in`, { pageId, ref: "late", timestamp });
  const sendTo = (s: PageSetup, psid: string, text: string) =>
    t.send(s, textTo(psid, text, { messaging_type: "RESPONSE" }));

  it("a message from 1 h ago arrives before an opt-in from 30 h ago; the window runs from the newest", async () => {
    const { s, personId } = await freshPerson("2020");
    const now = t.h.now();
    const written = await write(personId, s.pageId, "an hour ago", now - HOUR);
    expect(written.status).toBe(200);
    const { psid } = (await written.json()) as { psid: string };
    await t.h.admin.settle();
    expect((await optIn(personId, s.pageId, now - 30 * HOUR)).status).toBe(200);
    await t.h.admin.settle();

    const mine = t.receiver.events().filter((e) => e.sender?.id === psid);
    expect(mine.map((e) => [e.message ? "message" : "optin", e.timestamp])).toEqual([
      ["message", now - HOUR],
      ["optin", now - 30 * HOUR],
    ]);
    const thread = t.h.admin.thread({ personId, pageId: s.pageId });
    expect(thread?.lastInboundAt?.getTime()).toBe(now - HOUR);
    expect(thread?.optedInAt?.getTime()).toBe(now - 30 * HOUR);

    expect((await sendTo(s, psid, "inside the window")).status).toBe(200);
    t.h.advance(23 * HOUR);
    await expectGraphError(await sendTo(s, psid, "24 h after the message"), {
      code: 10,
      subcode: 2018278,
    });
  });

  it("a late opt-in never moves the window back", async () => {
    const { s, personId } = await freshPerson("2020");
    const { psid } = (await (await optIn(personId, s.pageId)).json()) as { psid: string };
    const openedAt = t.h.now();
    expect((await optIn(personId, s.pageId, openedAt - 30 * HOUR)).status).toBe(200);
    expect(t.h.admin.thread({ personId, pageId: s.pageId })?.optedInAt?.getTime()).toBe(openedAt);
    t.h.advance(23 * HOUR);
    expect((await sendTo(s, psid, "still open")).status).toBe(200);
  });

  it("2018: only an event of the last 24 h renews the spent +1", async () => {
    const { s, personId } = await freshPerson("2018");
    const { psid } = (await (await optIn(personId, s.pageId)).json()) as { psid: string };
    t.h.advance(25 * HOUR);
    expect((await sendTo(s, psid, "the +1")).status).toBe(200);
    await expectGraphError(await sendTo(s, psid, "refused"), { code: 10, subcode: 2018065 });

    await write(personId, s.pageId, "from 25 h ago", t.h.now() - 25 * HOUR);
    await expectGraphError(await sendTo(s, psid, "still refused"), {
      code: 10,
      subcode: 2018065,
    });
    await write(personId, s.pageId, "from 2 h ago", t.h.now() - 2 * HOUR);
    expect((await sendTo(s, psid, "window open again")).status).toBe(200);
  });

  it("a checkbox opt-in from 30 h ago leaves no message for its user_ref", async () => {
    const { s, personId } = await freshPerson("2018");
    const confirmed = await t.post(`/_admin/people/${personId}/checkbox-opt-in`, {
      pageId: s.pageId,
      userRef: "cb-late",
      timestamp: t.h.now() - 30 * HOUR,
    });
    expect(confirmed.status).toBe(200);
    await expectGraphError(
      await t.send(s, {
        recipient: { user_ref: "cb-late" },
        messaging_type: "UPDATE",
        message: { text: "too late" },
      }),
      { code: 10, subcode: 2018278 },
    );
  });

  it("refuses a timestamp in the future or not in epoch milliseconds, naming it, and changes nothing", async () => {
    const { s, personId } = await freshPerson("2020");
    const cases = [
      await write(personId, s.pageId, "future", t.h.now() + 60_000),
      await optIn(personId, s.pageId, t.h.now() + 1),
      await t.post(`/_admin/people/${personId}/messages`, {
        pageId: s.pageId,
        text: "x",
        timestamp: "yesterday",
      }),
      await optIn(personId, s.pageId, 1.5),
    ];
    for (const response of cases) {
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message).toContain("timestamp");
    }
    expect(t.h.admin.thread({ personId, pageId: s.pageId })).toBeUndefined();
  });
});
