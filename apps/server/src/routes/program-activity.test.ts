import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const DAY = 86_400_000;

/** Start → Update contact → Wait 1 day → Decision (FIRSTNAME not empty) → End "Named" | "Anonymous". */
const waitingProgram = (listId: string) =>
  programDocument(
    [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { listId, allowApi: true } },
      {
        id: "tag",
        type: "update_contact",
        position: { x: 0, y: 100 },
        data: { field: "NICKNAME", value: "Seen" },
      },
      { id: "wait", type: "wait", position: { x: 0, y: 200 }, data: { amount: 1, unit: "days" } },
      {
        id: "check",
        type: "decision",
        position: { x: 0, y: 300 },
        data: { rule: { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } },
      },
      { id: "named", type: "end", position: { x: 0, y: 400 }, data: { outcome: "Named" } },
      { id: "anon", type: "end", position: { x: 200, y: 400 }, data: { outcome: "Anonymous" } },
    ],
    [
      { id: "a", source: "start", sourceHandle: null, target: "tag" },
      { id: "b", source: "tag", sourceHandle: null, target: "wait" },
      { id: "c", source: "wait", sourceHandle: null, target: "check" },
      { id: "d", source: "check", sourceHandle: "yes", target: "named" },
      { id: "e", source: "check", sourceHandle: "no", target: "anon" },
    ],
  );

describe.each(testDrivers())("program activity from the node-visit log on %s", (driver) => {
  let clock = new Date("2026-11-20T09:00:00Z");
  let t: TestApp;
  let browser: TestBrowser;
  let programId: string;
  const ids = new Map<string, string>();
  const entered = new Date(clock);
  const later = new Date(clock.getTime() + DAY + 60_000);

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Activity");
    await browser.request("POST", "/api/data-fields", { name: "NICKNAME", type: "text" });
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Activity" })
    ).json()) as Json;
    for (let i = 0; i < 5; i++) {
      const values = i < 3 ? { FIRSTNAME: `Ann${i}` } : {};
      const contact = (await (
        await browser.request("POST", "/api/contacts", { email: `a${i}@example.com`, values })
      ).json()) as Json;
      ids.set(`a${i}`, contact.id);
    }
    await browser.request("POST", `/api/lists/${list.id}/members`, {
      contactIds: [...ids.values()],
    });
    const program = await insertActiveProgram(t, {
      accountId,
      name: "Activity",
      document: waitingProgram(list.id),
      startListId: list.id,
    });
    programId = program.id;
    await driveEngine(t);
    clock = later;
    await driveEngine(t);
  });
  afterAll(() => t?.close());

  it("writes one history row per turn and counts every node passed", async () => {
    const turns = rowsOf<{ visit: number; node_ids: string; n: number }>(
      await t.db.execute(sql`select visit, array_to_string(node_ids, ',') as node_ids, count(*)::int as n
        from enrolment_history where program_id = ${programId}::uuid group by 1, 2 order by 1, 2`),
    );
    expect(turns).toEqual([
      { visit: 0, node_ids: "start,tag,wait", n: 5 },
      { visit: 3, node_ids: "check,anon", n: 2 },
      { visit: 3, node_ids: "check,named", n: 3 },
    ]);
    const stats = (await (
      await browser.request("GET", `/api/activity/programs/${programId}`)
    ).json()) as Json;
    expect(stats.nodes).toEqual({
      start: { now: 0, passed: 5 },
      tag: { now: 0, passed: 5 },
      wait: { now: 0, passed: 5 },
      check: { now: 0, passed: 5 },
      named: { now: 0, passed: 3 },
      anon: { now: 0, passed: 2 },
    });
  });

  it("lists the contacts that passed a node, newest first, a page at a time", async () => {
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = (await (
        await browser.request(
          "GET",
          `/api/activity/programs/${programId}/nodes/named/contacts?kind=passed&limit=2${query}`,
        )
      ).json()) as Json;
      seen.push(...page.contacts);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((c) => c.email).sort()).toEqual([
      "a0@example.com",
      "a1@example.com",
      "a2@example.com",
    ]);
    expect(new Set(seen.map((c) => c.outcome))).toEqual(new Set(["Named"]));
    expect(new Set(seen.map((c) => c.at))).toEqual(new Set([later.toISOString()]));

    const tagged = (await (
      await browser.request(
        "GET",
        `/api/activity/programs/${programId}/nodes/tag/contacts?kind=passed&limit=50`,
      )
    ).json()) as Json;
    expect(tagged.contacts).toHaveLength(5);
    expect(
      tagged.contacts.every((c: Json) => c.outcome === null && c.values.NICKNAME === "Seen"),
    ).toBe(true);
    expect(new Set(tagged.contacts.map((c: Json) => c.at))).toEqual(
      new Set([entered.toISOString()]),
    );
  });

  it("shows a contact's nodes by name in the order passed, with each turn's time and outcome", async () => {
    const history = (await (
      await browser.request("GET", `/api/activity/contacts/${ids.get("a4")}`)
    ).json()) as Json;
    expect(history.programs).toHaveLength(1);
    expect(history.programs[0]).toMatchObject({ state: "done", outcome: "Anonymous" });
    expect(history.programs[0].steps).toEqual([
      { nodeId: "start", nodeName: "Start 1", at: entered.toISOString(), outcome: null },
      { nodeId: "tag", nodeName: "Update contact 1", at: entered.toISOString(), outcome: null },
      { nodeId: "wait", nodeName: "Wait 1", at: entered.toISOString(), outcome: null },
      { nodeId: "check", nodeName: "Decision 1", at: later.toISOString(), outcome: null },
      { nodeId: "anon", nodeName: "End 2", at: later.toISOString(), outcome: "Anonymous" },
    ]);
  });

  it("deletes a contact's history with the contact", async () => {
    const gone = ids.get("a0")!;
    const count = async () =>
      rowsOf<{ n: number }>(
        await t.db.execute(sql`select count(*)::int as n from enrolment_history h
          where h.enrolment_id in (select id from enrolments where contact_id = ${gone}::uuid)
            or h.enrolment_id not in (select id from enrolments)`),
      )[0]!.n;
    expect(await count()).toBe(2);
    expect((await browser.request("DELETE", `/api/contacts/${gone}`)).status).toBe(204);
    expect(await count()).toBe(0);
    const [left] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from enrolment_history`),
    );
    expect(left!.n).toBe(8);
  });
});
