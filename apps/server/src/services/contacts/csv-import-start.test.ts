import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestBrowser } from "../../testing/test-app";

describe.each(testDrivers())("starting a CSV import on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Starter");
    await browser.request("POST", "/api/lists", { name: "Taken" });
  });
  afterAll(() => t?.close());

  let fields = 0;
  /** A start that would create a new field (its name is returned) unless `input` spoils it. */
  async function start(input: (field: string) => Record<string, unknown> = () => ({})) {
    const field = `TOWN_${++fields}`;
    const res = await browser.request("POST", "/api/contacts/imports", {
      fileName: "contacts.csv",
      totalBytes: 10,
      mapping: { Email: "EMAIL", Town: field },
      createFields: [{ name: field, type: "text" }],
      newListName: `List ${crypto.randomUUID()}`,
      ...input(field),
    });
    return { res, field };
  }

  const fieldNames = async () =>
    (
      (await (await browser.request("GET", "/api/data-fields")).json()) as {
        dataFields: { name: string }[];
      }
    ).dataFields.map((f) => f.name);
  const listNames = async () =>
    (
      (await (await browser.request("GET", "/api/lists")).json()) as { lists: { name: string }[] }
    ).lists.map((l) => l.name);

  it.each([
    [
      "a list that does not exist",
      () => ({ newListName: undefined, listId: crypto.randomUUID() }),
      404,
    ],
    ["a list name already taken", () => ({ newListName: "taken" }), 409],
    [
      "a column mapped to a field that does not exist",
      (f: string) => ({ mapping: { Email: "EMAIL", Town: f, Other: "NOPE" } }),
      400,
    ],
    [
      "a field to create with a reserved name",
      (f: string) => ({
        createFields: [
          { name: f, type: "text" },
          { name: "FBOPTIN_AB12", type: "text" },
        ],
      }),
      400,
    ],
    [
      "the same field to create twice",
      (f: string) => ({
        createFields: [
          { name: f, type: "text" },
          { name: f.toLowerCase(), type: "text" },
        ],
      }),
      409,
    ],
  ])("leaves no new data field or list behind when it names %s", async (_, input, status) => {
    const listsBefore = await listNames();
    const { res, field } = await start(input);
    expect(res.status, await res.clone().text()).toBe(status);
    expect(await fieldNames()).not.toContain(field);
    expect(await listNames()).toEqual(listsBefore);
  });

  it("names the offending part of the request", async () => {
    const { res } = await start(() => ({ mapping: { Email: "EMAIL", Town: "NOPE" } }));
    const body = (await res.json()) as { error: { message: string; details: { fields: object } } };
    expect(body.error.message).toBe("Mapping: There is no data field called NOPE");
    expect(body.error.details.fields).toEqual({ mapping: "there is no data field called NOPE" });
  });

  it("creates the fields, the list and the import together when all is well", async () => {
    const { res, field } = await start(() => ({ newListName: "Fresh" }));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await fieldNames()).toContain(field);
    expect(await listNames()).toContain("Fresh");
  });
});
