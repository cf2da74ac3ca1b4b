import { testDrivers } from "@waymark/db/testing";
import { readOptInRef } from "@waymark/engine";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

// Issue 18.3: a whole list's personal opt-in links, for an email or SMS sent from elsewhere.
describe.each(testDrivers())("opt-in links of a list as CSV on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let profile: Json;
  let listId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Links");
    profile = (await (
      await createSandboxProfile(browser, { name: "Shop, Inc.", pageId: ADMIN_PAGE })
    ).json()) as Json;
    const field = profile.optInFieldName as string;
    for (const [email, values] of [
      ["ana@example.com", { FIRSTNAME: "Ana", LASTNAME: "García" }],
      ["bo@example.com", { FULLNAME: "Bo Ek" }],
    ] as const) {
      const res = await browser.request("POST", "/api/contacts", { email, values });
      const body = (await res.json()) as Json;
      if (res.status !== 201) throw new Error(JSON.stringify(body));
      ids.push(body.id);
    }
    // Bo opted in (Waymark alone writes the field, as its opt-in handling does).
    await t.db.execute(sql`
      update contacts set values = values || jsonb_build_object(${field}::text, '9001')
      where id = ${ids[1]}::uuid`);
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Spring / VIP" })
    ).json()) as Json;
    listId = list.id;
    const added = await browser.request("POST", `/api/lists/${listId}/members`, {
      contactIds: ids,
    });
    if (added.status >= 300) throw new Error(await added.text());
    // 1,003 more members, so the export pages through the list more than once.
    await t.db.execute(sql`
      with c as (
        insert into contacts (account_id, email, values)
        select l.account_id, 'bulk' || g || '@example.com', '{}'::jsonb
        from lists l, generate_series(1, 1003) g where l.id = ${listId}::uuid
        returning id, account_id)
      insert into list_members (account_id, list_id, contact_id)
      select account_id, ${listId}::uuid, id from c`);
  });
  afterAll(() => t?.close());

  const csvUrl = (list: string) =>
    `/api/messenger/profiles/${profile.id}/opt-in-links.csv?listId=${list}`;

  it("streams every member with a signed personal link and whether they opted in", async () => {
    const res = await browser.request("GET", csvUrl(listId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="Shop-Inc-opt-in-links-Spring-VIP.csv"',
    );
    const records = parse(await res.text(), { bom: true }) as string[][];
    expect(records[0]).toEqual([
      "Email",
      "Name",
      "Opt-in link",
      `Opted in (${profile.optInFieldName})`,
      "Contact ID",
    ]);
    const rows = records.slice(1);
    expect(rows).toHaveLength(1005);
    expect(new Set(rows.map((r) => r[4])).size).toBe(1005);
    const byEmail = new Map(rows.map((r) => [r[0], r]));
    expect(byEmail.get("ana@example.com")!.slice(1, 2)).toEqual(["Ana García"]);
    expect(byEmail.get("ana@example.com")![3]).toBe("No");
    expect(byEmail.get("bo@example.com")!.slice(1, 2)).toEqual(["Bo Ek"]);
    expect(byEmail.get("bo@example.com")![3]).toBe("Yes");

    for (const row of [byEmail.get("ana@example.com")!, byEmail.get("bulk1003@example.com")!]) {
      const link = new URL(row[2]!);
      expect(link.pathname).toMatch(/^\/optin\//);
      const ref = link.pathname.split("/").pop()!;
      expect(readOptInRef(t.runtime.deps.keys.optInRef, ref, new Date())).toMatchObject({
        ok: true,
        profileId: profile.id,
        contactId: row[4],
      });
      const page = await t.app.request(`${TEST_ORIGIN}/optin/${ref}`);
      expect(page.status).toBe(200);
    }
  });

  it("answers 400 naming listId without a list, and 404 for another account's list or profile", async () => {
    const missing = await browser.request(
      "GET",
      `/api/messenger/profiles/${profile.id}/opt-in-links.csv`,
    );
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain("listId");

    const other = new TestBrowser(t.app);
    await other.signUp("Someone else");
    const theirs = (await (
      await other.request("POST", "/api/lists", { name: "Theirs" })
    ).json()) as Json;
    expect((await browser.request("GET", csvUrl(theirs.id))).status).toBe(404);
    expect((await other.request("GET", csvUrl(listId))).status).toBe(404);
  });
});
