import { apiKeys, contactImports, contacts, dataFields, lists, programs } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { UNSTORABLE_TEXT_MESSAGE } from "@waymark/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";
import { insertProfile, json } from "../testing/test-programs";

// NUL is refused by PostgreSQL in text and JSON; an unpaired surrogate in JSON, and in text it
// would be stored as U+FFFD. Each must be a 400 naming the field, with nothing written.
const UNSTORABLE = [
  ["NUL", "a\u0000b"],
  ["a lone high surrogate", "a\ud83db"],
  ["a lone low surrogate", "\ude00b"],
] as const;

describe.each(testDrivers())("text PostgreSQL cannot store, on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Text Co"));
    key = (await json(await browser.request("POST", "/api/api-keys", { name: "ci" }))).key;
  });
  afterAll(() => t?.close());

  const v1 = (method: string, path: string, body?: unknown) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function expectRefused(res: Response, field: string) {
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.fields[field]).toContain("cannot be stored");
  }

  const rowCount = async (table: typeof lists | typeof programs | typeof apiKeys) =>
    (await t.db.select().from(table)).length;

  describe.each(UNSTORABLE)("%s", (_kind, bad) => {
    it("in contact values and field names, through both APIs", async () => {
      const before = (await t.db.select().from(contacts)).length;
      await expectRefused(
        await browser.request("POST", "/api/contacts", {
          email: "ana@example.com",
          values: { FIRSTNAME: bad },
        }),
        "values.FIRSTNAME",
      );
      await expectRefused(
        await browser.request("POST", "/api/contacts", {
          email: "ana@example.com",
          values: { [bad]: "x" },
        }),
        `values.${bad}`,
      );
      await expectRefused(
        await v1("POST", "/contacts", { email: "ana@example.com", values: { LASTNAME: bad } }),
        "values.LASTNAME",
      );
      await expectRefused(await browser.request("POST", "/api/contacts", { email: bad }), "email");
      expect((await t.db.select().from(contacts)).length).toBe(before);
    });

    it("in a contact edit", async () => {
      const contact = await json(
        await browser.request("POST", "/api/contacts", {
          email: `edit-${crypto.randomUUID()}@example.com`,
        }),
      );
      await expectRefused(
        await browser.request("PATCH", `/api/contacts/${contact.id}`, {
          values: { FULLNAME: bad },
        }),
        "values.FULLNAME",
      );
    });

    it("in list names, through both APIs", async () => {
      const before = await rowCount(lists);
      await expectRefused(await browser.request("POST", "/api/lists", { name: bad }), "name");
      await expectRefused(await v1("POST", "/lists", { name: bad }), "name");
      const name = `Keep ${crypto.randomUUID()}`;
      const list = await json(await browser.request("POST", "/api/lists", { name }));
      await expectRefused(
        await browser.request("PATCH", `/api/lists/${list.id}`, { name: `${name} ${bad}` }),
        "name",
      );
      expect(await rowCount(lists)).toBe(before + 1);
    });

    it("in program names and in message text inside a program document", async () => {
      const before = await rowCount(programs);
      await expectRefused(await browser.request("POST", "/api/programs", { name: bad }), "name");
      const document = {
        schemaVersion: 1,
        nodes: [{ id: "m", type: "messenger", data: { text: `Hello ${bad}` } }],
        edges: [],
      };
      await expectRefused(
        await browser.request("POST", "/api/programs", { name: "Welcome", document }),
        "document.nodes.0.data.text",
      );
      await expectRefused(
        await v1("POST", "/programs", { name: "Welcome", document }),
        "document.nodes.0.data.text",
      );
      const ending = {
        schemaVersion: 1,
        nodes: [{ id: "e", type: "end", data: { outcome: bad } }],
        edges: [],
      };
      const program = await json(await browser.request("POST", "/api/programs", { name: "P" }));
      await expectRefused(
        await browser.request("PUT", `/api/programs/${program.id}`, {
          version: 1,
          document: ending,
        }),
        "document.nodes.0.data.outcome",
      );
      expect(await rowCount(programs)).toBe(before + 1);
    });

    it("in API key names", async () => {
      const before = await rowCount(apiKeys);
      await expectRefused(await browser.request("POST", "/api/api-keys", { name: bad }), "name");
      expect(await rowCount(apiKeys)).toBe(before);
    });

    it("in Messenger profile names", async () => {
      const name = `Shop ${crypto.randomUUID()}`;
      const id = await insertProfile(t.db, accountId, { name });
      await expectRefused(
        await browser.request("PATCH", `/api/messenger/profiles/${id}`, { name: bad }),
        "name",
      );
      const profile = await json(await browser.request("GET", `/api/messenger/profiles/${id}`));
      expect(profile.name).toBe(name);
    });

    it("in account names at sign-up", async () => {
      const visitor = new TestBrowser(t.app);
      await expectRefused(
        await visitor.request("POST", "/api/auth/signup", {
          accountName: bad,
          email: `new-${crypto.randomUUID()}@example.com`,
          password: "correct horse battery",
        }),
        "accountName",
      );
      expect(visitor.cookie).toBe("");
    });

    it("in data field defaults, through both APIs", async () => {
      const before = (await t.db.select().from(dataFields)).length;
      await expectRefused(
        await browser.request("POST", "/api/data-fields", {
          name: "NICKNAME",
          type: "text",
          defaultValue: bad,
        }),
        "defaultValue",
      );
      await expectRefused(
        await v1("POST", "/data-fields", { name: "NICKNAME", type: "text", defaultValue: bad }),
        "defaultValue",
      );
      expect((await t.db.select().from(dataFields)).length).toBe(before);
      const { dataFields: fields } = await json(await browser.request("GET", "/api/data-fields"));
      const first = fields.find((f: { name: string }) => f.name === "FIRSTNAME");
      await expectRefused(
        await browser.request("PATCH", `/api/data-fields/${first.id}`, { defaultValue: bad }),
        "defaultValue",
      );
    });

    it("in import file names", async () => {
      const before = (await t.db.select().from(contactImports)).length;
      await expectRefused(
        await browser.request("POST", "/api/contacts/imports", {
          fileName: `contacts${bad}.csv`,
          totalBytes: 10,
          newListName: "Imported",
          mapping: { Email: "EMAIL" },
        }),
        "fileName",
      );
      expect((await t.db.select().from(contactImports)).length).toBe(before);
    });
  });

  it("in ?search=, where a query string can carry NUL", async () => {
    await expectRefused(await browser.request("GET", "/api/contacts?search=ana%00"), "search");
  });

  it("in the public API's ?email=", async () => {
    const res = await v1("GET", "/contacts?email=ana%00%40example.com");
    await expectRefused(res, "email");
  });

  it("says which character is wrong in plain words", () => {
    expect(UNSTORABLE_TEXT_MESSAGE).toMatch(/NUL character|surrogate/);
  });
});
