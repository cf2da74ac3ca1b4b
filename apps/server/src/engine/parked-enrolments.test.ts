import { type Queryable, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { edge, endNode, programDocument, startNode, waitNode } from "@waymark/domain/fixtures";
import { enrolContacts, runEngineBatch } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { createProgramAs, json } from "../testing/test-programs";

const HOUR = 3_600_000;

interface Position {
  id: number;
  node_id: string;
  next_node_id: string | null;
  visit: number;
  due_at: string;
  program_version: number;
  state: string;
  parked: boolean;
}

const positions = async (db: Queryable, programId: string) =>
  rowsOf<Position>(
    await db.execute(sql`select id, node_id, next_node_id, visit, due_at::text as due_at,
        program_version, state, parked
      from enrolments where program_id = ${programId}::uuid order by id`),
  );

/**
 * The entries of the engine's due index, counted by an index-only scan of that index (the plan
 * is checked, so the count is what the index holds, not what the table holds).
 */
async function dueIndexEntries(db: Queryable, programId: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const query = sql`select count(*)::int as n from enrolments e
      where e.state = 'active' and not e.parked and e.program_id = ${programId}::uuid`;
    const plan = rowsOf<{ "QUERY PLAN": string }>(await tx.execute(sql`explain ${query}`))
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    expect(plan).toMatch(/Index (Only )?Scan using enrolments_due_idx/);
    return rowsOf<{ n: number }>(await tx.execute(query))[0]!.n;
  });
}

describe.each(testDrivers())("a deactivated program's enrolments on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let clock = new Date("2026-03-02T09:00:00Z");
  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Parked Co"));
  });
  afterAll(() => t?.close());

  const post = (path: string) => browser.request("POST", path, {});

  it("are parked out of the due index, never claimed, and resume exactly as they were", async () => {
    const document = programDocument(
      [startNode("start"), waitNode("wait", 1, "hours"), endNode("end", "Done")],
      [edge("start", "wait"), edge("wait", "end")],
    );
    const program = await createProgramAs(browser, "Paused campaign", document);
    const other = await createProgramAs(browser, "Running campaign", document);
    for (const p of [program, other]) {
      expect((await post(`/api/programs/${p.id}/activate`)).status).toBe(200);
    }
    const contactIds: string[] = [];
    for (const email of ["ana@example.com", "bo@example.com", "cy@example.com"]) {
      const res = await browser.request("POST", "/api/contacts", { email, values: {} });
      contactIds.push((await json(res)).id);
    }
    for (const p of [program, other]) {
      const enrolled = await enrolContacts(
        t.db,
        { id: p.id, accountId, version: p.version, startNodeId: "start" },
        contactIds,
        clock,
      );
      expect(enrolled).toHaveLength(3);
    }
    // Both programs' contacts move to the Wait, due in an hour.
    while ((await runEngineBatch(t.runtime.deps)) > 0);
    const waiting = await positions(t.db, program.id);
    expect(waiting.map((p) => [p.node_id, p.state, p.parked])).toEqual(
      Array(3).fill(["wait", "active", false]),
    );
    expect(await dueIndexEntries(t.db, program.id)).toBe(3);

    const deactivated = await post(`/api/programs/${program.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    const parked = await positions(t.db, program.id);
    expect(parked).toEqual(waiting.map((p) => ({ ...p, parked: true })));
    expect(await dueIndexEntries(t.db, program.id)).toBe(0);
    expect(await dueIndexEntries(t.db, other.id)).toBe(3);

    // The Wait ends while the program is deactivated: only the other program's contacts move.
    clock = new Date(clock.getTime() + 2 * HOUR);
    let claimed = 0;
    for (
      let n = await runEngineBatch(t.runtime.deps);
      n > 0;
      n = await runEngineBatch(t.runtime.deps)
    ) {
      claimed += n;
    }
    expect(claimed).toBe(3);
    expect(await positions(t.db, program.id)).toEqual(parked);
    expect((await positions(t.db, other.id)).map((p) => p.state)).toEqual(Array(3).fill("done"));

    // Reactivated: back in the due index with the same node, visit, version and due time.
    expect((await post(`/api/programs/${program.id}/activate`)).status).toBe(200);
    expect(await positions(t.db, program.id)).toEqual(waiting);
    expect(await dueIndexEntries(t.db, program.id)).toBe(3);
    expect(await runEngineBatch(t.runtime.deps)).toBe(3);
    const done = await positions(t.db, program.id);
    expect(done.map((p) => [p.node_id, p.state, p.visit])).toEqual(
      waiting.map((p) => ["end", "done", p.visit + 1]),
    );
    expect(await dueIndexEntries(t.db, program.id)).toBe(0);
  });
});
