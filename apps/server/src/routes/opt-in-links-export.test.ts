import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { processWebhookEvents } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickSendToMessenger, openShop } from "../testing/subscribers";
import type { TestApp, TestBrowser } from "../testing/test-app";
import { json } from "../testing/test-programs";

// Issue 18: each contact's personal opt-in link, for a whole list, from the profile page.
describe.each(testDrivers())("opt-in links of a list as CSV on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let profileId: string;
  let field: string;

  beforeAll(async () => {
    ({ t, browser, profileId, field } = await openShop(driver, "Links"));
  });
  afterAll(() => t?.close());

  it("lists every member with a working FBOPTINLINK_XXX link, and names a bad list", async () => {
    const ana = await json(
      await browser.request("POST", "/api/contacts", {
        email: "ana@example.com",
        values: { FIRSTNAME: "Ana", LASTNAME: "Díaz" },
      }),
    );
    const bo = await json(
      await browser.request("POST", "/api/contacts", { email: "bo@example.com" }),
    );
    const list = await json(await browser.request("POST", "/api/lists", { name: "Spring sale" }));
    await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: [ana.id, bo.id] });

    const res = await browser.request(
      "GET",
      `/api/messenger/profiles/${profileId}/opt-in-links.csv?listId=${list.id}`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const column = `FBOPTINLINK_${field.slice("FBOPTIN_".length)}`;
    expect(res.headers.get("content-disposition")).toContain(`Spring-sale-${column}.csv`);
    const [header, ...rows] = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(`Email,Name,${column},Contact ID`);
    const byEmail = new Map(rows.map((r) => [r.split(",")[0], r.split(",")]));
    expect(byEmail.get("ana@example.com")).toEqual([
      "ana@example.com",
      "Ana Díaz",
      expect.stringMatching(/\/optin\/.+/),
      ana.id,
    ]);
    expect(rows).toHaveLength(2);

    // Ana's link carries her ref: Send to Messenger from it links her, nobody else.
    const link = byEmail.get("ana@example.com")![2]!;
    const page = await fetch(link.replace(/^https?:\/\/[^/]+/, t.url));
    expect(page.status).toBe(200);
    const ref = link.slice(link.lastIndexOf("/") + 1);
    const person = await t.runtime.sandbox!.admin.addPerson({ firstName: "Ana", lastName: "D" });
    const psid = await clickSendToMessenger(t, person.id, ref);
    await t.runtime.sandbox!.admin.settle();
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
    const [linked] = rowsOf<{ contact_id: string }>(
      await t.db.execute(sql`select contact_id from messenger_contacts where psid = ${psid}`),
    );
    expect(linked?.contact_id).toBe(ana.id);

    const bad = await browser.request(
      "GET",
      `/api/messenger/profiles/${profileId}/opt-in-links.csv?listId=${crypto.randomUUID()}`,
    );
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.fields).toHaveProperty("listId");
    const missing = await browser.request(
      "GET",
      `/api/messenger/profiles/${crypto.randomUUID()}/opt-in-links.csv?listId=${list.id}`,
    );
    expect(missing.status).toBe(404);
  });
});
