import { testDrivers } from "@waymark/db/testing";
import { readOptInRef } from "@waymark/engine";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

// Issue 18.3: the contacts CSV export carries each profile's personal opt-in link in a
// FBOPTINLINK_XXX column, beside every data field; it exports what the Contacts page shows.
describe.each(testDrivers())("contacts CSV export on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let profile: Json;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Export");
    profile = (await (
      await createSandboxProfile(browser, { name: "Shop", pageId: ADMIN_PAGE })
    ).json()) as Json;
    await browser.request("POST", "/api/data-fields", { name: "VIP", type: "boolean" });
    await browser.request("POST", "/api/data-fields", { name: "POINTS", type: "number" });
    for (const [email, values] of [
      ["ana@example.com", { FIRSTNAME: "Ana", VIP: true, POINTS: 12 }],
      ["=cmd@example.com", { FIRSTNAME: "=HYPERLINK(1)", VIP: false }],
    ] as const) {
      const res = await browser.request("POST", "/api/contacts", { email, values });
      expect(res.status).toBe(201);
      ids.set(email, ((await res.json()) as Json).id);
    }
    // A Messenger subscriber without email, and 1,001 more contacts so the export pages.
    await t.db.execute(sql`
      insert into contacts (account_id, email, values)
      select account_id, null, jsonb_build_object('FIRSTNAME', 'Sam', ${profile.optInFieldName}::text, '4242')
      from messenger_profiles where id = ${profile.id}::uuid`);
    await t.db.execute(sql`
      insert into contacts (account_id, email, values, created_at)
      select account_id, 'bulk' || g || '@example.com', '{}'::jsonb, now() - interval '1 day'
      from messenger_profiles, generate_series(1, 1001) g where id = ${profile.id}::uuid`);
  });
  afterAll(() => t?.close());

  const exported = async (query = "") => {
    const res = await browser.request("GET", `/api/contacts/export.csv${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    return parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
  };

  it("exports every contact with its fields and a signed opt-in link per profile", async () => {
    const rows = await exported();
    expect(rows).toHaveLength(1004);
    expect(new Set(rows.map((r) => r["Contact ID"])).size).toBe(1004);
    const linkColumn = profile.optInFieldName.replace("FBOPTIN_", "FBOPTINLINK_");
    const columns = Object.keys(rows[0]!);
    expect(columns.slice(0, 1)).toEqual(["Email"]);
    expect(columns).toEqual(
      expect.arrayContaining(["FIRSTNAME", "VIP", "POINTS", profile.optInFieldName, linkColumn]),
    );
    expect(columns.slice(-2)).toEqual(["Added", "Contact ID"]);

    const ana = rows.find((r) => r.Email === "ana@example.com")!;
    expect(ana).toMatchObject({ FIRSTNAME: "Ana", VIP: "Yes", POINTS: "12" });
    const link = new URL(ana[linkColumn]!);
    expect(
      readOptInRef(t.runtime.deps.keys.optInRef, link.pathname.split("/").pop()!, new Date()),
    ).toMatchObject({ ok: true, profileId: profile.id, contactId: ids.get("ana@example.com") });
    // Text a spreadsheet would run as a formula stays text.
    const formula = rows.find((r) => r["Contact ID"] === ids.get("=cmd@example.com"))!;
    expect(formula.Email).toBe("'=cmd@example.com");
    expect(formula.FIRSTNAME).toBe("'=HYPERLINK(1)");
    expect(formula.VIP).toBe("No");
  });

  it("exports what the Contacts page shows: a search, or subscribers without email", async () => {
    const subscribers = await exported("?show=subscribers-without-email");
    expect(subscribers.map((r) => [r.Email, r.FIRSTNAME, r[profile.optInFieldName]])).toEqual([
      ["", "Sam", "4242"],
    ]);
    const search = await exported("?search=ana");
    expect(search.map((r) => r.Email)).toEqual(["ana@example.com"]);
    const bad = await browser.request("GET", "/api/contacts/export.csv?show=everyone");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("show");
  });
});
