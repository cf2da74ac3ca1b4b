import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_A_CURSOR } from "../services/page-cursor";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { insertProfile, json } from "../testing/test-programs";

const encode = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString("base64url");

// Cursors a client could send instead of the one it was given: each must be a 400 naming
// `cursor`, never a SQL error (a 500).
const TAMPERED: [string, string][] = [
  ["the issue's example", encode(["not-a-time", "not-a-uuid"])],
  ["not base64 JSON", "%%%not-base64"],
  ["JSON that is not a list", encode({ at: 1 })],
  ["too few parts", encode(["2026-11-20 09:00:00+00"])],
  ["a day that does not exist", encode(["2026-02-30 09:00:00+00", crypto.randomUUID()])],
  ["an hour past 23", encode(["2026-11-20 24:00:00+00", crypto.randomUUID()])],
  ["year 0", encode(["0000-01-01 00:00:00+00", crypto.randomUUID()])],
  ["NUL in a part", encode(["2026-11-20 09:00:00+00\u0000", crypto.randomUUID()])],
  ["a number where text belongs", encode([1e308, crypto.randomUUID()])],
  ["an id past bigint", encode(["2026-11-20 09:00:00+00", 2 ** 64])],
  ["an id past bigint as text", encode(["2026-11-20 09:00:00+00", "99999999999999999999"])],
];

describe.each(testDrivers())("tampered page cursors on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let listId: string;
  let programId: string;
  let profileId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Cursor Co");
    listId = (await json(await browser.request("POST", "/api/lists", { name: "Members" }))).id;
    for (const name of ["ana", "ben", "cy"]) {
      await browser.request("POST", "/api/contacts", { email: `${name}@example.com` });
    }
    await browser.request("POST", `/api/lists/${listId}/members`, {
      emails: ["ana@example.com", "ben@example.com", "cy@example.com"],
    });
    programId = (await json(await browser.request("POST", "/api/programs", { name: "P" }))).id;
    profileId = await insertProfile(t.db, accountId);
  });
  afterAll(() => t?.close());

  const pages = () => [
    ["contacts", "/api/contacts?"],
    ["list members", `/api/lists/${listId}/members?`],
    [
      "contacts now at a node",
      `/api/activity/programs/${programId}/nodes/start/contacts?kind=now&`,
    ],
    [
      "contacts that passed a node",
      `/api/activity/programs/${programId}/nodes/start/contacts?kind=passed&`,
    ],
    ["statistics contacts", `/api/messenger/statistics/${profileId}/contacts?kind=sent&`],
  ];

  it.each(TAMPERED)("refuses %s with 400 naming cursor on every paged route", async (_, cursor) => {
    for (const [name, path] of pages()) {
      const res = await browser.request("GET", `${path}cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, name).toBe(400);
      expect(await json(res), name).toEqual({
        error: {
          code: "invalid_request",
          message: `Cursor ${NOT_A_CURSOR}`,
          details: { fields: { cursor: NOT_A_CURSOR } },
        },
      });
    }
  });

  it("still follows the cursors it hands out (list members, one per page)", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await browser.request("GET", `/api/lists/${listId}/members?limit=1${query}`);
      expect(res.status).toBe(200);
      const page = await json(res);
      seen.push(...page.members.map((m: { email: string }) => m.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(["ana@example.com", "ben@example.com", "cy@example.com"]);
  });
});
