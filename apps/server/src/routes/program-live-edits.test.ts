import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const HOUR = 3_600_000;

/** Start → Wait "Cool down" 1 day → Wait "Second wait" 1 hour → End "Done". */
const program = (listId: string) =>
  programDocument(
    [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { listId, allowApi: true } },
      {
        id: "cool",
        type: "wait",
        position: { x: 0, y: 120 },
        data: { name: "Cool down", amount: 1, unit: "days" },
      },
      {
        id: "second",
        type: "wait",
        position: { x: 0, y: 240 },
        data: { name: "Second wait", amount: 1, unit: "hours" },
      },
      { id: "done", type: "end", position: { x: 0, y: 360 }, data: { outcome: "Done" } },
    ],
    [
      { id: "a", source: "start", sourceHandle: null, target: "cool" },
      { id: "b", source: "cool", sourceHandle: null, target: "second" },
      { id: "c", source: "second", sourceHandle: null, target: "done" },
    ],
  );

describe.each(testDrivers())("edits to a program with contacts in it on %s", (driver) => {
  const arrived = new Date("2026-11-20T09:00:00Z");
  let clock = new Date(arrived);
  let t: TestApp;
  let browser: TestBrowser;
  let programId: string;
  let listId: string;

  const get = async (path: string) => (await (await browser.request("GET", path)).json()) as Json;
  const stored = async () => get(`/api/programs/${programId}`);
  const dueTimes = async () =>
    rowsOf<{ due: string }>(
      await t.db.execute(sql`select distinct due_at as due from enrolments
        where program_id = ${programId}::uuid and state = 'active'`),
    ).map((r) => new Date(r.due).toISOString());

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Live edits");
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Spring launch" })
    ).json()) as Json;
    listId = list.id;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = (await (
        await browser.request("POST", "/api/contacts", { email: `w${i}@example.com` })
      ).json()) as Json;
      ids.push(c.id);
    }
    await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: ids });
    const row = await insertActiveProgram(t, {
      accountId,
      name: "Live",
      document: program(list.id),
      startListId: list.id,
    });
    programId = row.id;
    await driveEngine(t);
  });
  afterAll(() => t?.close());

  it("counts contacts still waiting as 'now', never as 'passed'", async () => {
    const stats = await get(`/api/activity/programs/${programId}`);
    expect(stats.contactsInProgram).toBe(4);
    expect(stats.nodes.cool).toEqual({ now: 4, passed: 0 });
    expect(stats.nodes.start).toEqual({ now: 0, passed: 4 });
    const passed = await get(
      `/api/activity/programs/${programId}/nodes/cool/contacts?kind=passed&limit=50`,
    );
    expect(passed.contacts).toEqual([]);
  });

  it("says what activation and deactivation do", async () => {
    const summary = await get(`/api/programs/${programId}/activation-summary`);
    expect(summary).toMatchObject({
      status: "active",
      list: { id: listId, name: "Spring launch", members: 4, toEnrol: 0 },
      allowApi: true,
      profiles: [],
      contactsInProgram: 4,
      contactsWaiting: 4,
    });
  });

  it("asks whom a Wait's new duration applies to, and recomputes it from each arrival", async () => {
    const { version } = (await (
      await browser.request("POST", `/api/programs/${programId}/deactivate`, {})
    ).json()) as Json;
    clock = new Date(arrived.getTime() + 2 * HOUR);
    const longer = program(listId);
    longer.nodes[1] = { ...longer.nodes[1]!, data: { name: "Cool down", amount: 3, unit: "days" } };
    const check = await (
      await browser.request("POST", `/api/programs/${programId}/check-edit`, { document: longer })
    ).json();
    expect(check).toEqual({
      ok: false,
      removed: [],
      waits: [{ nodeId: "cool", name: "Cool down", waiting: 4, from: "1 day", to: "3 days" }],
      invalid: [],
    });
    const refused = await browser.request("PUT", `/api/programs/${programId}`, {
      version,
      document: longer,
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).error.message).toBe(
      "4 contacts are waiting at Cool down: choose whether the new duration applies to them",
    );
    const onlyNew = await browser.request("PUT", `/api/programs/${programId}`, {
      version,
      document: longer,
      liveEdits: { waits: { cool: "new" } },
    });
    expect(onlyNew.status).toBe(200);
    expect(await dueTimes()).toEqual([new Date(arrived.getTime() + 24 * HOUR).toISOString()]);

    const twoDays = program(listId);
    twoDays.nodes[1] = {
      ...twoDays.nodes[1]!,
      data: { name: "Cool down", amount: 2, unit: "days" },
    };
    const all = await browser.request("PUT", `/api/programs/${programId}`, {
      version: ((await onlyNew.json()) as Json).version,
      document: twoDays,
      liveEdits: { waits: { cool: "all" } },
    });
    expect(all.status).toBe(200);
    // From when they arrived (09:00), not from the edit (11:00).
    expect(await dueTimes()).toEqual([new Date(arrived.getTime() + 48 * HOUR).toISOString()]);
  });

  it("refuses to delete a node holding contacts, then moves them to the node chosen", async () => {
    const without = programDocument(
      program(listId).nodes.filter((n) => n.id !== "cool"),
      [
        { id: "a2", source: "start", sourceHandle: null, target: "second" },
        { id: "c", source: "second", sourceHandle: null, target: "done" },
      ],
    );
    const { version } = await stored();
    const refused = await browser.request("PUT", `/api/programs/${programId}`, {
      version,
      document: without,
    });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as Json;
    expect(body.error.message).toBe(
      "Cool down holds 4 contacts: choose where they go before deleting it",
    );
    expect(body.error.details.removed).toEqual([
      {
        nodeId: "cool",
        name: "Cool down",
        contacts: 4,
        next: { nodeId: "second", name: "Second wait" },
      },
    ]);
    const bad = await browser.request("PUT", `/api/programs/${programId}`, {
      version,
      document: without,
      liveEdits: { moves: { cool: "nowhere" } },
    });
    expect(bad.status).toBe(400);
    const moved = await browser.request("PUT", `/api/programs/${programId}`, {
      version,
      document: without,
      liveEdits: { moves: { cool: "second" } },
    });
    expect(moved.status).toBe(200);
    const stats = await get(`/api/activity/programs/${programId}`);
    expect(stats.nodes.second).toEqual({ now: 4, passed: 0 });
    // The removed node keeps its count of contacts that passed, and holds no one.
    expect(stats.nodes.cool).toEqual({ now: 0, passed: 4 });
    expect(stats.contactsInProgram).toBe(
      Object.values(stats.nodes as Record<string, { now: number }>).reduce((s, n) => s + n.now, 0),
    );
  });

  it("activating moves the contacts on to the new version, and they finish on it", async () => {
    const { version } = await stored();
    const activated = await browser.request("POST", `/api/programs/${programId}/activate`, {
      version,
    });
    expect(activated.status).toBe(200);
    const versions = rowsOf<{ v: number }>(
      await t.db.execute(sql`select distinct program_version as v from enrolments
        where program_id = ${programId}::uuid`),
    );
    expect(versions).toEqual([{ v: version }]);
    await driveEngine(t);
    clock = new Date(clock.getTime() + 2 * HOUR);
    await driveEngine(t);
    const stats = await get(`/api/activity/programs/${programId}`);
    expect(stats.contactsInProgram).toBe(0);
    expect(stats.nodes.done).toEqual({ now: 0, passed: 4 });
    // The history names the node that is gone by the name contacts passed it under.
    const contactId = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select contact_id as id from enrolments where program_id = ${programId}::uuid limit 1`,
      ),
    )[0]!.id;
    const history = await get(`/api/activity/contacts/${contactId}`);
    expect(history.programs[0].steps.map((s: Json) => s.nodeName)).toEqual([
      "Start 1",
      "Cool down",
      "Second wait",
      "End 1",
    ]);
  });
});
