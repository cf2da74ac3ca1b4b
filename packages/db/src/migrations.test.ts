import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, waymarkMigrationsFolder } from "./migrate";
import { rowsOf } from "./rows";
import { openTestDatabase, type TestDatabase, testDrivers } from "./testing";

/** A copy of the migrations folder holding only the first `count` migrations. */
function firstMigrations(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), "waymark-migrations-"));
  cpSync(waymarkMigrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe.each(testDrivers())("migration 0002 (engine history) on %s", (driver) => {
  let handle: TestDatabase;
  let folder: string;
  beforeAll(async () => {
    folder = firstMigrations(2);
    handle = await openTestDatabase(driver, [], { migrate: false });
    await migrateDatabase(handle, [{ migrationsFolder: folder }]);
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("turns per-node steps into one history row per turn, keeping order and outcomes", async () => {
    const db = handle.db;
    const [ids] = rowsOf<{ account: string; contact: string; program: string }>(
      await db.execute(sql`
        with a as (insert into accounts (name) values ('Old') returning id),
        c as (insert into contacts (account_id, email) select id, 'old@example.com' from a returning id),
        p as (insert into programs (account_id, name, status, document)
          select id, 'Old', 'active', '{}'::jsonb from a returning id)
        select (select id from a) as account, (select id from c) as contact, (select id from p) as program`),
    );
    const [enrolment] = rowsOf<{ id: number }>(
      await db.execute(sql`insert into enrolments (account_id, program_id, program_version, contact_id,
          node_id, visit, due_at, state, outcome)
        values (${ids!.account}::uuid, ${ids!.program}::uuid, 1, ${ids!.contact}::uuid, 'end', 4, now(), 'done', 'Bye')
        returning id`),
    );
    await db.execute(sql`insert into enrolment_steps (enrolment_id, program_id, contact_id, node_id, visit, at, outcome)
      select ${enrolment!.id}, ${ids!.program}::uuid, ${ids!.contact}::uuid, s.node, s.visit, s.at::timestamptz, s.outcome
      from (values ('wait', 2, '2026-01-01T10:00:00Z', null), ('msg', 1, '2026-01-01T10:00:00Z', 'message queued'),
        ('start', 0, '2026-01-01T10:00:00Z', null), ('end', 4, '2026-01-02T10:00:00Z', 'Bye'),
        ('check', 3, '2026-01-02T10:00:00Z', null)) as s(node, visit, at, outcome)`);

    await migrateDatabase(handle, [{ migrationsFolder: waymarkMigrationsFolder }]);

    const rows = rowsOf<{ visit: number; at: string; nodes: string; outcomes: string | null }>(
      await db.execute(sql`select visit, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at,
          array_to_string(node_ids, ',') as nodes, array_to_string(outcomes, ',', '-') as outcomes
        from enrolment_history where enrolment_id = ${enrolment!.id} order by visit`),
    );
    expect(rows).toEqual([
      { visit: 0, at: "2026-01-01 10:00", nodes: "start,msg,wait", outcomes: "-,message queued,-" },
      { visit: 3, at: "2026-01-02 10:00", nodes: "check,end", outcomes: "-,Bye" },
    ]);
    const [steps] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from pg_tables where tablename = 'enrolment_steps'`,
      ),
    );
    expect(steps!.n).toBe(0);

    // History goes with its enrolment.
    await db.execute(sql`delete from contacts where id = ${ids!.contact}::uuid`);
    const [left] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from enrolment_history`),
    );
    expect(left!.n).toBe(0);
  });
});
