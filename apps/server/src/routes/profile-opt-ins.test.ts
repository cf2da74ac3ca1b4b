import { testDrivers } from "@waymark/db/testing";
import { localDay } from "@waymark/domain";
import { makeOptInRef, processWebhookEvents } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickSendToMessenger, openShop } from "../testing/subscribers";
import { type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const DAY = 86_400_000;

// Issue 18.4: where marketers look — the profile page's opt-ins over the last 7 days, and the
// contacts page's "Messenger subscribers without email". Opt-ins go the real way: the sandbox's
// Send to Messenger endpoint → signed webhook → inbox → engine.
describe.each(testDrivers())("opt-ins over time and subscribers without email on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profileId: string;
  let known: string;

  beforeAll(async () => {
    ({ t, browser, accountId, profileId } = await openShop(driver, "Opt-ins"));
    known = (
      (await (
        await browser.request("POST", "/api/contacts", { email: "kim@example.com", values: {} })
      ).json()) as Json
    ).id;
  });
  afterAll(() => t?.close());

  const sandbox = () => t.runtime.sandbox!.admin;
  /** A (new) person clicks Send to Messenger, and Waymark processes the webhook. */
  const click = async (firstName: string, ref: string | null, personId?: string) => {
    const id = personId ?? (await sandbox().addPerson({ firstName, lastName: "Test" })).id;
    const psid = await clickSendToMessenger(t, id, ref);
    await sandbox().settle();
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
    return psid;
  };
  const optIns = async (b = browser) => {
    const res = await b.request("GET", `/api/messenger/statistics/${profileId}/opt-ins`);
    return { status: res.status, body: (await res.json()) as Json };
  };
  const moveLink = (psid: string, msAgo: number) =>
    t.db.execute(sql`
      update messenger_contacts set linked_at = now() - ${`${msAgo} milliseconds`}::interval
      where profile_id = ${profileId}::uuid and psid = ${psid}`);

  it("counts each day's new subscribers from the website and opt-ins through personal links", async () => {
    const empty = await optIns();
    expect(empty.status).toBe(200);
    expect(empty.body.days).toHaveLength(7);
    expect(empty.body.totals).toEqual({ website: 0, personalLinks: 0, merged: 0 });

    const ref = makeOptInRef(
      t.runtime.deps.keys.optInRef,
      { profileId, contactId: known },
      new Date(),
    );
    await click("Kim", ref);
    await click("Website", null);
    const old = await click("Earlier", null);
    const tooOld = await click("LastMonth", null);
    await moveLink(old, 3 * DAY);
    await moveLink(tooOld, 8 * DAY);

    const { body } = await optIns();
    const today = localDay(new Date(), body.timeZone);
    expect(body.to).toBe(today);
    expect(body.days.map((d: Json) => d.date)).toHaveLength(7);
    expect(body.days.at(-1)).toEqual({ date: today, website: 1, personalLinks: 1, merged: 0 });
    const threeDaysAgo = localDay(new Date(Date.now() - 3 * DAY), body.timeZone);
    expect(body.days.find((d: Json) => d.date === threeDaysAgo)).toMatchObject({ website: 1 });
    expect(body.totals).toEqual({ website: 2, personalLinks: 1, merged: 0 });
  });

  it("buckets by the account's local day", async () => {
    // UTC+14: at 12:00 UTC it is already the next day there, so a UTC bucketing would differ.
    await t.db.execute(
      sql`update accounts set time_zone = 'Pacific/Kiritimati' where id = ${accountId}::uuid`,
    );
    try {
      const psid = await click("Kiritimati", null);
      const before = (await optIns()).body;
      const now = Date.now();
      const noonUtc = new Date(now);
      noonUtc.setUTCHours(12, 0, 0, 0);
      if (noonUtc.getTime() > now - 3_600_000) noonUtc.setTime(noonUtc.getTime() - DAY);
      await moveLink(psid, now - noonUtc.getTime());
      const after = (await optIns()).body;
      const local = localDay(noonUtc, "Pacific/Kiritimati");
      expect(local).not.toBe(noonUtc.toISOString().slice(0, 10));
      const website = (body: Json, date: string) =>
        body.days.find((d: Json) => d.date === date)?.website ?? 0;
      expect(after.timeZone).toBe("Pacific/Kiritimati");
      expect(website(after, local) - website(before, local)).toBe(local === after.to ? 0 : 1);
      expect(website(after, after.to) - website(before, before.to)).toBe(
        local === after.to ? 0 : -1,
      );
      expect(after.totals.website).toBe(3);
    } finally {
      await t.db.execute(sql`update accounts set time_zone = 'UTC' where id = ${accountId}::uuid`);
    }
  });

  it("answers 404 for another account's profile", async () => {
    const other = new TestBrowser(t.app);
    await other.signUp("Someone else");
    expect((await optIns(other)).status).toBe(404);
  });

  it("lists only Messenger subscribers without email when asked", async () => {
    const all = (await (await browser.request("GET", "/api/contacts")).json()) as Json;
    const subscribers = (await (
      await browser.request("GET", "/api/contacts?show=subscribers-without-email&limit=2")
    ).json()) as Json;
    expect(all.contacts.some((c: Json) => c.email === "kim@example.com")).toBe(true);
    expect(subscribers.contacts).toHaveLength(2);
    expect(subscribers.contacts.every((c: Json) => c.email === null)).toBe(true);
    const rest = (await (
      await browser.request(
        "GET",
        `/api/contacts?show=subscribers-without-email&limit=50&cursor=${encodeURIComponent(subscribers.nextCursor)}`,
      )
    ).json()) as Json;
    expect(rest.contacts).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();

    const bad = await browser.request("GET", "/api/contacts?show=everyone");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("show");
  });

  it("counts a subscriber merged into a known contact who opted in through their link", async () => {
    const before = (await optIns()).body;
    const pat = await sandbox().addPerson({ firstName: "Pat", lastName: "Test" });
    await click("Pat", null, pat.id);
    const lee = (
      (await (
        await browser.request("POST", "/api/contacts", { email: "lee@example.com", values: {} })
      ).json()) as Json
    ).id;
    const ref = makeOptInRef(
      t.runtime.deps.keys.optInRef,
      { profileId, contactId: lee },
      new Date(),
    );
    await click("Pat", ref, pat.id);
    const after = (await optIns()).body;
    expect(after.totals.merged).toBe(before.totals.merged + 1);
    expect(after.days.at(-1).merged).toBe(before.days.at(-1).merged + 1);
  });
});
