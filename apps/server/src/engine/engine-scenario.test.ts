import { enrolments, messengerMessages, messengerProfiles } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { makeOptInRef } from "@waymark/engine";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { twoDayProgram } from "../testing/test-programs";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const HOUR = 3_600_000;

describe.each(testDrivers())("engine scenario against the sandbox on %s", (driver) => {
  let clock = new Date("2026-11-20T09:00:00Z");
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profile: Json;
  const contacts = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Scenario"));
    await browser.request("POST", "/api/data-fields", { name: "NICKNAME", type: "text" });
    profile = (await (
      await createSandboxProfile(browser, { name: "Shop", pageId: ADMIN_PAGE })
    ).json()) as Json;
  });
  afterAll(() => t?.close());

  const optIn = async (contactId: string, firstName: string) => {
    const person = await t.runtime.sandbox!.admin.addPerson({ firstName, lastName: "Test" });
    const ref = makeOptInRef(
      t.runtime.deps.keys.optInRef,
      { profileId: profile.id, contactId },
      clock,
    );
    await t.runtime.sandbox!.admin.optIn({ personId: person.id, pageId: ADMIN_PAGE, ref });
    return person.id;
  };

  it("sends, warns and moves every contact on, with each outcome and reason recorded", async () => {
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Scenario" })
    ).json()) as Json;
    const make = async (key: string, values: Record<string, string>) => {
      const c = (await (
        await browser.request("POST", "/api/contacts", { email: `${key}@example.com`, values })
      ).json()) as Json;
      contacts.set(key, c.id);
      return c.id as string;
    };
    // 30 hours ago: opted in (the 2018 "+1" applies now).
    clock = new Date(clock.getTime() - 30 * HOUR);
    await optIn(await make("late", { FIRSTNAME: "Lena", NICKNAME: "Lenny" }), "Lena");
    clock = new Date(clock.getTime() + 30 * HOUR);
    for (let i = 0; i < 8; i++)
      await optIn(
        await make(`fresh${i}`, { FIRSTNAME: `Fran${i}`, NICKNAME: `F${i}` }),
        `Fran${i}`,
      );
    await optIn(await make("noname", { NICKNAME: "Nemo" }), "Nemo");
    await optIn(await make("empty", { FIRSTNAME: "Eve" }), "Eve");
    const blockedPerson = await optIn(
      await make("blocked", { FIRSTNAME: "Bo", NICKNAME: "Bo" }),
      "Bo",
    );
    await t.runtime.sandbox!.admin.block({ personId: blockedPerson, pageId: ADMIN_PAGE });
    for (let i = 0; i < 8; i++)
      await make(`cold${i}`, { FIRSTNAME: `Cole${i}`, NICKNAME: `C${i}` });
    expect(contacts.size).toBe(20);
    await t.runtime.sandbox!.admin.settle();
    await driveEngine(t);
    await browser.request("POST", `/api/lists/${list.id}/members`, {
      contactIds: [...contacts.values()],
    });

    await insertActiveProgram(t, {
      accountId,
      name: "Shipping",
      document: twoDayProgram(profile.id, list.id),
      startListId: list.id,
      profileIds: [profile.id],
    });
    await driveEngine(t);

    const messageOf = async (key: string, nodeId: string) =>
      (
        await t.db
          .select()
          .from(messengerMessages)
          .where(
            and(
              eq(messengerMessages.contactId, contacts.get(key)!),
              eq(messengerMessages.nodeId, nodeId),
            ),
          )
      )[0];
    for (let i = 0; i < 8; i++) {
      // The sandbox delivers what it accepted; the receipts came back through the webhook.
      expect((await messageOf(`fresh${i}`, "hello"))?.status).toBe("delivered");
      expect(await messageOf(`cold${i}`, "hello")).toMatchObject({
        status: "not_sent",
        reason: "contact has not opted in",
      });
    }
    expect(await messageOf("late", "hello")).toMatchObject({
      status: expect.stringMatching(/sent|delivered/),
      usesExtra: 1,
    });
    expect(await messageOf("empty", "hello")).toMatchObject({
      status: "not_sent",
      reason: "message is empty after personalisation",
    });
    expect(await messageOf("blocked", "hello")).toMatchObject({ status: "failed", errorCode: 551 });
    expect((await messageOf("fresh0", "hello"))?.text).toBe("F0");

    // Everyone moved on to the Wait, whatever happened at the Messenger node.
    const waiting = await t.db.select().from(enrolments).where(eq(enrolments.state, "active"));
    expect(waiting).toHaveLength(20);
    expect(new Set(waiting.map((e) => e.nodeId))).toEqual(new Set(["wait"]));

    // A day later the Wait is over: named contacts get the Shipping_update tag, the rest end.
    clock = new Date(clock.getTime() + 24 * HOUR + 60_000);
    await driveEngine(t);
    const all = await t.db.select().from(enrolments);
    expect(all.every((e) => e.state === "done")).toBe(true);
    expect(all.find((e) => e.contactId === contacts.get("noname"))?.outcome).toBe("No name");
    expect(all.filter((e) => e.outcome === "Finished")).toHaveLength(19);
    for (let i = 0; i < 8; i++) {
      const ship = await messageOf(`fresh${i}`, "ship");
      expect(ship?.status).toMatch(/^(sent|delivered|read)$/);
      expect(ship).toMatchObject({
        messagingType: "MESSAGE_TAG",
        tag: "SHIPPING_UPDATE",
        text: `Hi Fran${i}, your order shipped`,
      });
      expect(await messageOf(`cold${i}`, "ship")).toMatchObject({
        status: "not_sent",
        reason: "contact has not opted in",
      });
    }
    // Exactly one Facebook call per (contact, node visit) that was sent.
    const sentToSandbox = await t.runtime.sandbox!.admin.messages({});
    const queued = await t.db.select().from(messengerMessages);
    const attempted = queued.filter((m) => m.status !== "not_sent");
    expect(sentToSandbox.length).toBe(attempted.filter((m) => m.status !== "failed").length);
    await expectStatsMatchMessages(t);
  });

  it("refuses the 30-hour-old opt-in under the 2020 policy", async () => {
    await t.db
      .update(messengerProfiles)
      .set({ policyVersion: "2020" })
      .where(eq(messengerProfiles.id, profile.id));
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Later" })
    ).json()) as Json;
    await browser.request("POST", `/api/lists/${list.id}/members`, {
      contactIds: [contacts.get("late")],
    });
    await insertActiveProgram(t, {
      accountId,
      name: "Follow-up",
      document: twoDayProgram(profile.id, list.id),
      startListId: list.id,
      profileIds: [profile.id],
    });
    await driveEngine(t);
    const rows = await t.db
      .select()
      .from(messengerMessages)
      .where(
        and(
          eq(messengerMessages.contactId, contacts.get("late")!),
          eq(messengerMessages.nodeId, "hello"),
        ),
      );
    expect(rows.map((r) => r.reason)).toContain("outside the 24-hour window");
    await expectStatsMatchMessages(t);
  });
});
