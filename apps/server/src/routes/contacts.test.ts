import { programs } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())("contacts, fields and lists on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Contacts Co"));
  });
  afterAll(() => t?.close());

  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary response shapes.
  type Json = Record<string, any>;
  const json = async (res: Response) => (await res.json()) as Json;

  it("starts new accounts with FIRSTNAME, LASTNAME and FULLNAME", async () => {
    const { dataFields } = await json(await browser.request("GET", "/api/data-fields"));
    expect(dataFields.map((f: { name: string }) => f.name).sort()).toEqual([
      "FIRSTNAME",
      "FULLNAME",
      "LASTNAME",
    ]);
  });

  it("creates typed fields and refuses bad names and defaults per field", async () => {
    const ok = await browser.request("POST", "/api/data-fields", {
      name: "AGE",
      type: "number",
      defaultValue: "30",
    });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toMatchObject({ name: "AGE", type: "number", defaultValue: 30 });
    const badName = await browser.request("POST", "/api/data-fields", {
      name: "first-name",
      type: "text",
    });
    expect(badName.status).toBe(400);
    expect((await json(badName)).error.details.fields.name).toBeTruthy();
    const badDefault = await browser.request("POST", "/api/data-fields", {
      name: "BIRTHDAY",
      type: "date",
      defaultValue: "2026-02-30",
    });
    expect(badDefault.status).toBe(400);
    expect((await json(badDefault)).error.details.fields.defaultValue).toContain("28 days");
    const system = await browser.request("POST", "/api/data-fields", {
      name: "FBOPTIN_ABCD",
      type: "text",
    });
    expect(system.status).toBe(400);
    const dup = await browser.request("POST", "/api/data-fields", { name: "AGE", type: "text" });
    expect(dup.status).toBe(409);
  });

  it("validates contact values by field type", async () => {
    const bad = await browser.request("POST", "/api/contacts", {
      email: "typed@example.com",
      values: { AGE: "forty" },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.fields["values.AGE"]).toContain("not a number");
    const unknown = await browser.request("POST", "/api/contacts", {
      email: "typed@example.com",
      values: { NOPE: "x" },
    });
    expect(unknown.status).toBe(400);
    const ok = await browser.request("POST", "/api/contacts", {
      email: "Typed@Example.com",
      values: { AGE: "41", FIRSTNAME: "Ty" },
    });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toMatchObject({
      email: "typed@example.com",
      values: { AGE: 41, FIRSTNAME: "Ty" },
    });
  });

  it("upserts by email case-insensitively through the public API", async () => {
    const key = (await json(await browser.request("POST", "/api/api-keys", { name: "k" }))).key;
    const post = (body: unknown) =>
      t.app.request(`${TEST_ORIGIN}/api/v1/contacts`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const first = await post({ email: "Ana@Example.COM", values: { FIRSTNAME: "Ana" } });
    expect(first.status).toBe(201);
    const second = await post({ email: "ana@example.com", values: { LASTNAME: "Lopez" } });
    expect(second.status).toBe(200);
    const body = await json(second);
    expect(body).toMatchObject({
      email: "ana@example.com",
      values: { FIRSTNAME: "Ana", LASTNAME: "Lopez" },
    });
    const found = await t.app.request(`${TEST_ORIGIN}/api/v1/contacts?email=ANA@example.com`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect((await json(found)).id).toBe(body.id);
  });

  it("searches and pages contacts by key without gaps or repeats", async () => {
    const b = new TestBrowser(t.app);
    await b.signUp("Pager");
    for (let i = 0; i < 7; i++) {
      await b.request("POST", "/api/contacts", {
        email: `p${i}@example.com`,
        values: { FIRSTNAME: `Pat${i}` },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await json(
        await b.request("GET", `/api/contacts?limit=3${cursor ? `&cursor=${cursor}` : ""}`),
      );
      seen.push(...page.contacts.map((c: { email: string }) => c.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const search = await json(await b.request("GET", "/api/contacts?search=pat3"));
    expect(search.contacts.map((c: { email: string }) => c.email)).toEqual(["p3@example.com"]);
  });

  it("manages lists and members", async () => {
    const list = await json(await browser.request("POST", "/api/lists", { name: "VIP" }));
    expect((await browser.request("POST", "/api/lists", { name: "vip" })).status).toBe(409);
    const contact = await json(
      await browser.request("POST", "/api/contacts", { email: "m@example.com" }),
    );
    const add = await json(
      await browser.request("POST", `/api/lists/${list.id}/members`, {
        contactIds: [contact.id],
        emails: ["M@example.com", "ghost@example.com"],
      }),
    );
    expect(add).toMatchObject({ added: 1, notFound: [{ email: "ghost@example.com" }] });
    expect((await json(await browser.request("GET", `/api/lists/${list.id}`))).memberCount).toBe(1);
    const page = await json(await browser.request("GET", `/api/lists/${list.id}/members`));
    expect(page.members.map((m: { email: string }) => m.email)).toEqual(["m@example.com"]);
    const renamed = await browser.request("PATCH", `/api/lists/${list.id}`, { name: "VIPs" });
    expect((await json(renamed)).name).toBe("VIPs");
    expect(
      (await browser.request("DELETE", `/api/lists/${list.id}/members/${contact.id}`)).status,
    ).toBe(204);
    expect((await browser.request("DELETE", `/api/lists/${list.id}`)).status).toBe(204);
    expect((await browser.request("GET", `/api/contacts/${contact.id}`)).status).toBe(200);
  });

  it("refuses to delete a field a program uses, naming the program", async () => {
    const field = await json(
      await browser.request("POST", "/api/data-fields", { name: "CITY", type: "text" }),
    );
    await t.db.insert(programs).values({
      accountId,
      name: "Welcome series",
      document: { schemaVersion: 1, nodes: [], edges: [] },
      fieldNames: ["CITY"],
    });
    const res = await browser.request("DELETE", `/api/data-fields/${field.id}`);
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toContain("'Welcome series'");
  });

  it("refuses to delete a list an active program enrols from", async () => {
    const list = await json(await browser.request("POST", "/api/lists", { name: "Enrolling" }));
    await t.db.insert(programs).values({
      accountId,
      name: "Onboarding",
      status: "active",
      document: { schemaVersion: 1, nodes: [], edges: [] },
      startListId: list.id,
    });
    const res = await browser.request("DELETE", `/api/lists/${list.id}`);
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toContain("'Onboarding'");
  });

  it("deletes a field with its values", async () => {
    const field = await json(
      await browser.request("POST", "/api/data-fields", { name: "SHOE", type: "number" }),
    );
    const contact = await json(
      await browser.request("POST", "/api/contacts", {
        email: "shoe@example.com",
        values: { SHOE: 42 },
      }),
    );
    expect((await browser.request("DELETE", `/api/data-fields/${field.id}`)).status).toBe(204);
    const after = await json(await browser.request("GET", `/api/contacts/${contact.id}`));
    expect(after.values).not.toHaveProperty("SHOE");
  });

  it("answers 404 on every contact, list and field route for another account's records", async () => {
    const contact = await json(
      await browser.request("POST", "/api/contacts", { email: "mine@example.com" }),
    );
    const list = await json(await browser.request("POST", "/api/lists", { name: "Mine" }));
    const field = await json(
      await browser.request("POST", "/api/data-fields", { name: "MINE", type: "text" }),
    );
    const intruder = new TestBrowser(t.app);
    await intruder.signUp("Intruder");
    const attempts: [string, string, unknown?][] = [
      ["GET", `/api/contacts/${contact.id}`],
      ["PATCH", `/api/contacts/${contact.id}`, { values: { FIRSTNAME: "x" } }],
      ["DELETE", `/api/contacts/${contact.id}`],
      ["GET", `/api/lists/${list.id}`],
      ["PATCH", `/api/lists/${list.id}`, { name: "x" }],
      ["DELETE", `/api/lists/${list.id}`],
      ["GET", `/api/lists/${list.id}/members`],
      ["POST", `/api/lists/${list.id}/members`, { contactIds: [contact.id] }],
      ["DELETE", `/api/lists/${list.id}/members/${contact.id}`],
      ["PATCH", `/api/data-fields/${field.id}`, { defaultValue: "x" }],
      ["DELETE", `/api/data-fields/${field.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await intruder.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const key = (await json(await intruder.request("POST", "/api/api-keys", { name: "k" }))).key;
    const v1 = await t.app.request(`${TEST_ORIGIN}/api/v1/contacts/${contact.id}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(v1.status).toBe(404);
    const v1List = await t.app.request(`${TEST_ORIGIN}/api/v1/lists/${list.id}/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ contactIds: [contact.id] }),
    });
    expect(v1List.status).toBe(404);
    // The owner still sees everything unchanged.
    expect((await browser.request("GET", `/api/contacts/${contact.id}`)).status).toBe(200);
    expect((await json(await browser.request("GET", `/api/lists/${list.id}`))).name).toBe("Mine");
  });
});
