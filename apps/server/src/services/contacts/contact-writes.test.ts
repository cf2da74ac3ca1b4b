import { contacts } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestBrowser } from "../../testing/test-app";

// Contact values are merged per field by the statement that writes them, so concurrent writers
// (the browser, the public API, an opt-in filling FBOPTIN, an Update-contact node) never undo
// each other's fields.
describe.each(testDrivers())("concurrent contact writes on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Writes");
    await browser.request("POST", "/api/data-fields", { name: "SHOESIZE", type: "number" });
  });
  afterAll(() => t?.close());

  const create = async (email: string, values: Record<string, unknown>) =>
    (
      (await (await browser.request("POST", "/api/contacts", { email, values })).json()) as {
        id: string;
      }
    ).id;
  const valuesOf = async (id: string) =>
    (await t.db.select().from(contacts).where(eq(contacts.id, id)))[0]!.values;

  it("sets, keeps and clears fields without touching the others", async () => {
    const id = await create("merge@example.com", { FIRSTNAME: "Ann", LASTNAME: "Lee" });
    const res = await browser.request("PATCH", `/api/contacts/${id}`, {
      values: { FIRSTNAME: "Anna", LASTNAME: null, SHOESIZE: "38" },
    });
    expect(res.status).toBe(200);
    expect(await valuesOf(id)).toEqual({ FIRSTNAME: "Anna", SHOESIZE: 38 });
  });

  // PGlite has one connection: a second writer cannot wait on the row while the first holds it.
  it.skipIf(driver === "pglite")(
    "keeps a field another writer set while an update of other fields waited for the row",
    async () => {
      const id = await create("race@example.com", { FIRSTNAME: "Ray" });
      // An opt-in writes FBOPTIN and holds the row while the browser's update arrives.
      let patched: Promise<Response> | undefined;
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`
          update contacts set values = values || '{"FBOPTIN_TEST": "4000000000000009"}'::jsonb
          where id = ${id}::uuid`);
        patched = browser.request("PATCH", `/api/contacts/${id}`, {
          values: { SHOESIZE: "44" },
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect((await patched!).status).toBe(200);
      expect(await valuesOf(id)).toEqual({
        FIRSTNAME: "Ray",
        FBOPTIN_TEST: "4000000000000009",
        SHOESIZE: 44,
      });
    },
  );

  it("keeps both of two updates of different fields sent at once", async () => {
    const id = await create("pair@example.com", {});
    const results = await Promise.all([
      browser.request("PATCH", `/api/contacts/${id}`, { values: { FIRSTNAME: "Pat" } }),
      browser.request("PATCH", `/api/contacts/${id}`, { values: { SHOESIZE: "40" } }),
      browser.request("PATCH", `/api/contacts/${id}`, { values: { LASTNAME: "Ng" } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await valuesOf(id)).toEqual({ FIRSTNAME: "Pat", SHOESIZE: 40, LASTNAME: "Ng" });
  });
});
