import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import { ClaimCursor, runEngineBatch } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveProgram } from "../testing/engine-driver";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

describe("ClaimCursor", () => {
  const at = (n: number) => ({ dueAt: `2026-01-01 00:00:0${n}+00`, id: n });

  it("starts after the last full batch, and from the start after a short one", () => {
    const cursor = new ClaimCursor(10_000, () => 0);
    expect(cursor.start()).toBeNull();
    cursor.claimed(null, 2, 2, at(2));
    expect(cursor.start()).toEqual(at(2));
    cursor.claimed(at(2), 2, 2, at(4));
    expect(cursor.start()).toEqual(at(4));
    cursor.claimed(at(4), 1, 2, at(5));
    expect(cursor.start()).toBeNull();
  });

  it("claims from the start again at least every interval", () => {
    let now = 0;
    const cursor = new ClaimCursor(1_000, () => now);
    cursor.claimed(cursor.start(), 2, 2, at(2));
    now = 999;
    expect(cursor.start()).toEqual(at(2));
    cursor.claimed(at(2), 2, 2, at(4));
    now = 1_000;
    expect(cursor.start()).toBeNull();
  });
});

const endAtOnce = programDocument(
  [
    {
      id: "start",
      type: "start",
      position: { x: 0, y: 0 },
      data: { listId: null, allowApi: true },
    },
    { id: "end", type: "end", position: { x: 0, y: 100 }, data: { outcome: "Done" } },
  ],
  [{ id: "a", source: "start", sourceHandle: null, target: "end" }],
);

describe.each(testDrivers())("engine claims with a cursor on %s", (driver) => {
  let t: TestApp;
  let accountId: string;
  let programId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ accountId } = await new TestBrowser(t.app).signUp("Cursor"));
    programId = (await insertActiveProgram(t, { accountId, name: "Cursor", document: endAtOnce }))
      .id;
  });
  afterAll(() => t?.close());

  const enrol = (email: string, dueAt: string) =>
    t.db.execute(sql`
      with c as (insert into contacts (account_id, email) values (${accountId}::uuid, ${email}) returning id)
      insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at)
      select ${accountId}::uuid, ${programId}::uuid, 1, id, 'start', ${dueAt}::timestamptz from c`);

  it("still moves a contact that became due behind the cursor", async () => {
    for (let i = 0; i < 6; i++) await enrol(`c${i}@example.com`, "2026-01-01T10:00:00Z");
    const deps = { ...t.runtime.deps, claimCursor: new ClaimCursor() };
    expect(await runEngineBatch(deps, 2)).toBe(2);
    // Enrolled with an older due time than the cursor's: a bounded claim passes it by...
    await enrol("late@example.com", "2026-01-01T09:00:00Z");
    expect(await runEngineBatch(deps, 2)).toBe(2);
    expect(await runEngineBatch(deps, 2)).toBe(2);
    // ...until a claim comes back short; the next one looks from the start of the index.
    expect(await runEngineBatch(deps, 2)).toBe(0);
    expect(await runEngineBatch(deps, 2)).toBe(1);
    expect(await runEngineBatch(deps, 2)).toBe(0);
    const [left] = rowsOf<{ active: number; done: number }>(
      await t.db.execute(sql`select count(*) filter (where state = 'active')::int as active,
        count(*) filter (where state = 'done')::int as done from enrolments where program_id = ${programId}::uuid`),
    );
    expect(left).toEqual({ active: 0, done: 7 });
  });

  it("decides a batch that meets an account the previous claim did not", async () => {
    const other = await new TestBrowser(t.app).signUp("Cursor two");
    const otherProgram = await insertActiveProgram(t, {
      accountId: other.accountId,
      name: "Other",
      document: endAtOnce,
    });
    const deps = { ...t.runtime.deps, claimCursor: new ClaimCursor() };
    await enrol("first-account@example.com", "2026-01-01T08:00:00Z");
    expect(await runEngineBatch(deps, 10)).toBe(1);
    expect(deps.claimCursor.recentAccounts()).toEqual([accountId]);
    // The next claim loads the first account's context alongside; the second's comes after.
    await t.db.execute(sql`
      with c as (insert into contacts (account_id, email) values (${other.accountId}::uuid, 'second-account@example.com') returning id)
      insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at)
      select ${other.accountId}::uuid, ${otherProgram.id}::uuid, 1, id, 'start', '2026-01-01T08:00:00Z' from c`);
    expect(await runEngineBatch(deps, 10)).toBe(1);
    const [moved] = rowsOf<{ state: string; outcome: string }>(
      await t.db.execute(
        sql`select state, outcome from enrolments where program_id = ${otherProgram.id}::uuid`,
      ),
    );
    expect(moved).toEqual({ state: "done", outcome: "Done" });
    expect(deps.claimCursor.recentAccounts()).toEqual([other.accountId]);
    expect(await runEngineBatch(deps, 10)).toBe(0);
    expect(deps.claimCursor.recentAccounts()).toEqual([]);
  });
});
