import { programs } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";
import { createProgramAs, type Json, json } from "../testing/test-programs";

const node = (id: string, type = "end") => ({ id, type });
const doc = (nodes: unknown[], edges: unknown[] = []) => ({ schemaVersion: 1, nodes, edges });
const manyNodes = Array.from({ length: 10_000 }, (_, i) => node(`n${i}`));

/** Each bad document, and the field its message must be reported on. */
const BAD_DOCUMENTS: [string, unknown, string, RegExp][] = [
  ["unknown node type", doc([node("a", "email")]), "document.nodes.0", /Unknown node type/],
  [
    "dangling edge",
    doc([node("s", "start")], [{ id: "e", source: "s", target: "ghost" }]),
    "document.edges.0",
    /does not exist/,
  ],
  [
    "cycle",
    doc(
      [node("s", "start"), node("w", "wait"), node("x", "wait")],
      [
        { id: "e1", source: "s", target: "w" },
        { id: "e2", source: "w", target: "x" },
        { id: "e3", source: "x", target: "w" },
      ],
    ),
    "document.edges.2",
    /loop/,
  ],
  ["10,000 nodes", doc(manyNodes), "document.nodes", /at most 2,000 nodes/],
  [
    "__proto__ key in a node",
    '{"schemaVersion":1,"nodes":[{"id":"a","type":"end","__proto__":{"polluted":true}}],"edges":[]}',
    "document.nodes.0",
    /__proto__/,
  ],
  [
    "constructor key in data",
    doc([{ id: "a", type: "end", data: { outcome: "x", constructor: "y" } }]),
    "document.nodes.0.data",
    /constructor/,
  ],
  ["a newer schema version", { schemaVersion: 9, nodes: [] }, "document.schemaVersion", /newer/],
  ["not an object", [1, 2], "document", /must be a program document/],
];

describe.each(testDrivers())("program input checks on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let apiKey: string;
  let existing: Json;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Input Co");
    apiKey = (await json(await browser.request("POST", "/api/api-keys", { name: "t" }))).key;
    existing = await createProgramAs(browser, "Existing");
  });
  afterAll(() => t?.close());

  const countPrograms = async () => (await t.db.select().from(programs)).length;
  const bodyWith = (document: unknown, extra: string) =>
    typeof document === "string"
      ? `{${extra}"document":${document}}`
      : JSON.stringify({ ...JSON.parse(`{${extra.replace(/,$/, "")}}`), document });
  const v1 = (method: string, path: string, body: string) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body,
    });

  it.each(BAD_DOCUMENTS)(
    "refuses %s on every write route, storing nothing",
    async (_, bad, field, message) => {
      const before = await countPrograms();
      const attempts = [
        await browser.request("POST", "/api/programs", bodyWith(bad, '"name":"Bad",')),
        await browser.request("PUT", `/api/programs/${existing.id}`, bodyWith(bad, '"version":1,')),
        await v1("POST", "/programs", bodyWith(bad, '"name":"Bad",')),
        await v1("PUT", `/programs/${existing.id}`, bodyWith(bad, '"version":1,')),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(400);
        const { error } = await json(res);
        expect(error.code).toBe("invalid_request");
        const fields: Record<string, string> = error.details.fields;
        const reported = Object.entries(fields).find(([path]) => path.startsWith(field));
        expect(reported, JSON.stringify(fields).slice(0, 300)).toBeTruthy();
        expect(reported![1]).toMatch(message);
      }
      expect(await countPrograms()).toBe(before);
      const [row] = await t.db.select().from(programs).where(eq(programs.id, existing.id));
      expect(row!.version).toBe(1);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it("refuses a 5 MB body with 413 before reading it", async () => {
    const huge = JSON.stringify({ name: "Huge", document: doc([node("a")]), pad: "x".repeat(5e6) });
    const before = await countPrograms();
    const res = await browser.request("POST", "/api/programs", huge);
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("payload_too_large");
    expect((await v1("POST", "/programs", huge)).status).toBe(413);
    expect(await countPrograms()).toBe(before);
  });

  it("refuses unknown request fields, a missing version and malformed JSON", async () => {
    const extra = await browser.request("POST", "/api/programs", { name: "X", owner: "me" });
    expect(extra.status).toBe(400);
    expect((await json(extra)).error.details.fields.body).toMatch(/owner/);
    const noVersion = await browser.request("PUT", `/api/programs/${existing.id}`, {
      document: doc([]),
    });
    expect(noVersion.status).toBe(400);
    expect((await json(noVersion)).error.details.fields.version).toBe("is required");
    const malformed = await browser.request("POST", "/api/programs", '{"name": ');
    expect(malformed.status).toBe(400);
  });
});
