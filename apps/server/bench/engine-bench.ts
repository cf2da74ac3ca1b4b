/**
 * Engine benchmark (issue 7): N contacts through Start → Update contact → Decision → End,
 * measured three ways in one run on the same database server:
 *   1. Waymark's engine (batched claim → decide in memory → set-based writes), run as the
 *      engine loops run it: batches of ENGINE_BATCH_SIZE, ENGINE_BATCHES_IN_FLIGHT at once,
 *   2. the raw-SQL floor: the same moves (claim, field, position, history row, per-node
 *      counters) as one hand-written set-based statement per batch, with the same batch size
 *      and batches in flight,
 *   3. a one-job-per-contact baseline on a Postgres job queue (a transaction and several
 *      queries per contact; eight workers on PostgreSQL, one on PGlite, `--baseline-workers` to
 *      change it), run on a sample and reported as a rate.
 * Prints contacts/s, peak RSS and the ratios. `--floor` and `--baseline` size the second and
 * third runs (default: all contacts for the floor, 20,000 for the baseline).
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/engine-bench.ts [--contacts 1000000] [--floor N] [--baseline 20000] [--pglite]
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Database, type Driver, migrateDatabase, openDatabase, rowsOf } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import {
  ClaimCursor,
  ENGINE_BATCH_SIZE,
  ENGINE_BATCHES_IN_FLIGHT,
  runEngineBatch,
} from "@waymark/engine";
import { sql } from "drizzle-orm";
import { cpuSecondsOf, machineBusySeconds, postgresCpuSeconds } from "./proc-cpu";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    contacts: { type: "string", default: "1000000" },
    floor: { type: "string" },
    baseline: { type: "string", default: "20000" },
    batch: { type: "string", default: String(ENGINE_BATCH_SIZE) },
    "in-flight": { type: "string", default: String(ENGINE_BATCHES_IN_FLIGHT) },
    "baseline-workers": { type: "string" },
    pglite: { type: "boolean", default: false },
  },
});
const N = Number(args.contacts);
const FLOOR_N = Math.min(N, Number(args.floor ?? N));
const BASELINE_N = Math.min(N, Number(args.baseline));
const BATCH = Number(args.batch);
const IN_FLIGHT = Number(args["in-flight"]);

/**
 * A fresh, migrated database: a scratch database on the PostgreSQL server, or PGlite in a
 * temporary data directory (on disk, as the embedded server keeps it), removed on close.
 */
async function openBenchDatabase(driver: Driver, maxConnections?: number) {
  if (driver === "postgres") return openTestDatabase(driver, [], { maxConnections });
  const dir = mkdtempSync(join(tmpdir(), "waymark-bench-"));
  const handle = await openDatabase({ dataDir: dir });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `batch` in IN_FLIGHT concurrent loops until one finds nothing left. */
async function drain(batch: () => Promise<number>) {
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while ((await batch()) > 0) {}
    }),
  );
}

const document = programDocument(
  [
    {
      id: "start",
      type: "start",
      position: { x: 0, y: 0 },
      data: { listId: null, allowApi: true },
    },
    {
      id: "tag",
      type: "update_contact",
      position: { x: 0, y: 100 },
      data: { field: "SEGMENT", value: "bench" },
    },
    {
      id: "check",
      type: "decision",
      position: { x: 0, y: 200 },
      data: { rule: { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } },
    },
    { id: "named", type: "end", position: { x: 0, y: 300 }, data: { outcome: "Named" } },
    { id: "anon", type: "end", position: { x: 200, y: 300 }, data: { outcome: "Anonymous" } },
  ],
  [
    { id: "a", source: "start", sourceHandle: null, target: "tag" },
    { id: "b", source: "tag", sourceHandle: null, target: "check" },
    { id: "c", source: "check", sourceHandle: "yes", target: "named" },
    { id: "d", source: "check", sourceHandle: "no", target: "anon" },
  ],
);

async function seed(db: Database, count: number) {
  const [account] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into accounts (name) values ('Bench') returning id`),
  );
  const accountId = account!.id;
  await db.execute(sql`insert into data_fields (account_id, name, type) values
    (${accountId}::uuid, 'FIRSTNAME', 'text'), (${accountId}::uuid, 'SEGMENT', 'text')`);
  for (let from = 1; from <= count; from += 100_000) {
    const to = Math.min(count, from + 99_999);
    await db.execute(sql`
      insert into contacts (account_id, email, values)
      select ${accountId}::uuid, 'b' || g || '@example.com',
        case when g % 4 = 0 then '{}'::jsonb else jsonb_build_object('FIRSTNAME', 'N' || g) end
      from generate_series(${from}::int, ${to}::int) g`);
  }
  const [program] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into programs (account_id, name, status, document)
      values (${accountId}::uuid, 'Bench', 'active', ${JSON.stringify(document)}::jsonb) returning id`),
  );
  await db.execute(sql`insert into program_versions (program_id, version, account_id, document)
    values (${program!.id}::uuid, 1, ${accountId}::uuid, ${JSON.stringify(document)}::jsonb)`);
  await db.execute(sql`
    insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at)
    select account_id, ${program!.id}::uuid, 1, id, 'start', now() - interval '1 minute'
    from contacts where account_id = ${accountId}::uuid`);
  await db.execute(sql`analyze`);
  return { accountId, programId: program!.id };
}

/** The PostgreSQL server processes serving `db`'s database (none with PGlite). */
async function backendPids(db: Database | null) {
  if (!db) return [];
  const rows = rowsOf<{ pid: number }>(
    await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
  );
  return rows.map((r) => r.pid);
}

/** CPU seconds used so far by PostgreSQL's processes, `pids` among them, the machine and this process. */
function machineCpu(pids: number[]) {
  const backends = new Map(pids.map((pid) => [pid, cpuSecondsOf(pid)]));
  return {
    postgres: postgresCpuSeconds(),
    busy: machineBusySeconds(),
    backends,
    self: process.cpuUsage(),
  };
}

/**
 * Times `run` and prints its rate, with where the CPU went meanwhile: this process, the
 * PostgreSQL processes serving this run's database (`db`; none with PGlite, which runs in this
 * process), all other PostgreSQL work and everything else on the machine (work sharing the
 * cores skews a run's time, not its own CPU figures).
 */
async function timeIt(label: string, count: number, db: Database | null, run: () => Promise<void>) {
  const before = machineCpu(await backendPids(db));
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const after = machineCpu(await backendPids(db));
  const self = process.cpuUsage(before.self);
  const own = (self.user + self.system) / 1e6;
  let backends = 0;
  for (const [pid, cpu] of after.backends) backends += cpu - (before.backends.get(pid) ?? 0);
  const postgres = after.postgres - before.postgres;
  const other = Math.max(0, after.busy - before.busy - own - postgres);
  const rate = count / seconds;
  console.log(
    `${label.padEnd(34)} ${count.toLocaleString().padStart(10)} contacts in ${seconds.toFixed(1).padStart(6)} s = ${Math.round(rate).toLocaleString().padStart(8)} contacts/s`,
  );
  console.log(
    `${"".padEnd(34)} CPU: this process ${own.toFixed(1)} s, its PostgreSQL backends ${backends.toFixed(1)} s, other PostgreSQL ${Math.max(0, postgres - backends).toFixed(1)} s, other processes ${other.toFixed(1)} s`,
  );
  return rate;
}

async function main() {
  const driver = args.pglite ? "pglite" : "postgres";
  if (driver === "postgres" && !process.env.TEST_DATABASE_URL) {
    throw new Error("Set TEST_DATABASE_URL (a PostgreSQL server), or pass --pglite");
  }
  console.log(
    `Engine benchmark on ${driver}: ${N.toLocaleString()} contacts, batches of ${BATCH}, ${IN_FLIGHT} in flight`,
  );

  // 1. Waymark's engine.
  const engineDb = await openBenchDatabase(driver);
  await seed(engineDb.db, N);
  // As the engine loops run it: one claim cursor shared by the batches in flight.
  const deps = { db: engineDb.db, now: () => new Date(), claimCursor: new ClaimCursor() };
  const engineRate = await timeIt(
    "Waymark engine",
    N,
    driver === "postgres" ? engineDb.db : null,
    () => drain(() => runEngineBatch(deps, BATCH)),
  );
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const check = rowsOf<{ done: number; turns: number }>(
    await engineDb.db.execute(sql`select
      (select count(*)::int from enrolments where state = 'done') as done,
      (select count(*)::int from enrolment_history) as turns`),
  )[0]!;
  if (check.done !== N || check.turns !== N) {
    throw new Error(`engine finished ${check.done} of ${N} (${check.turns} history rows)`);
  }
  await engineDb.close();

  // 2. The raw-SQL floor: the same moves, hand-written and set-based.
  const floorDb = await openBenchDatabase(driver);
  await seed(floorDb.db, FLOOR_N);
  const floorRate = await timeIt(
    "raw-SQL floor",
    FLOOR_N,
    driver === "postgres" ? floorDb.db : null,
    () =>
      drain(async () => {
        const [moved] = rowsOf<{ n: number }>(
          await floorDb.db.transaction(async (tx) =>
            tx.execute(sql`
            with batch as (
              select e.id, e.contact_id from enrolments e
              where e.state = 'active' and not e.parked and e.due_at <= now()
                and exists (select 1 from programs p where p.id = e.program_id and p.status = 'active')
              order by e.due_at, e.id limit ${BATCH} for update of e skip locked
            ), tagged as (
              update contacts c set values = c.values || '{"SEGMENT":"bench"}'::jsonb, updated_at = now()
              from batch where c.id = batch.contact_id
              returning c.id, coalesce(c.values->>'FIRSTNAME', '') <> '' as named
            ), moved as (
              update enrolments e set node_id = case when t.named then 'named' else 'anon' end,
                next_node_id = null, visit = 3, due_at = now(), state = 'done',
                outcome = case when t.named then 'Named' else 'Anonymous' end, updated_at = now()
              from batch b join tagged t on t.id = b.contact_id where e.id = b.id
              returning e.id, e.program_id, t.named
            ), history as (
              insert into enrolment_history (enrolment_id, visit, program_id, at, node_ids, outcomes)
              select m.id, 0, m.program_id, now(),
                array['start', 'tag', 'check', case when m.named then 'named' else 'anon' end],
                array[null, null, null, case when m.named then 'Named' else 'Anonymous' end]
              from moved m
            ), counted as (
              insert into program_node_counts (program_id, node_id, passed)
              select m.program_id, n.node_id, count(*) from moved m
                cross join lateral (values ('start'), ('tag'), ('check'),
                  (case when m.named then 'named' else 'anon' end)) as n(node_id)
              group by 1, 2 order by 1, 2
              on conflict (program_id, node_id) do update set passed = program_node_counts.passed + excluded.passed
            )
            select count(*)::int as n from moved`),
          ),
        );
        return moved!.n;
      }),
  );
  await floorDb.close();

  // 3. One job per contact on a Postgres job queue (sampled).
  // Eight workers measured fastest on this 2-core machine (4: 735–780/s, 8: 795–894/s,
  // 16: 648–861/s for 10,000 contacts); PGlite has one connection.
  const BASELINE_WORKERS = Number(args["baseline-workers"] ?? (driver === "postgres" ? 8 : 1));
  const jobDb = await openBenchDatabase(driver, BASELINE_WORKERS + 1);
  const job = await seed(jobDb.db, BASELINE_N);
  await jobDb.db.execute(
    sql`create table jobs (id bigserial primary key, enrolment_id bigint not null, run_at timestamptz not null default now())`,
  );
  await jobDb.db.execute(
    sql`insert into jobs (enrolment_id) select id from enrolments where program_id = ${job.programId}::uuid`,
  );
  const jobRate = await timeIt(
    `one job per contact (${BASELINE_WORKERS} workers)`,
    BASELINE_N,
    driver === "postgres" ? jobDb.db : null,
    async () => {
      const worker = async () => {
        for (;;) {
          const done = await jobDb.db.transaction(async (tx) => {
            const [j] = rowsOf<{ id: number; enrolment_id: number }>(
              await tx.execute(
                sql`select id, enrolment_id from jobs order by id limit 1 for update skip locked`,
              ),
            );
            if (!j) return false;
            const [e] = rowsOf<{ contact_id: string }>(
              await tx.execute(sql`select contact_id from enrolments where id = ${j.enrolment_id}`),
            );
            const [c] = rowsOf<{ values: Record<string, string> }>(
              await tx.execute(sql`select values from contacts where id = ${e!.contact_id}::uuid`),
            );
            await tx.execute(
              sql`update contacts set values = values || '{"SEGMENT":"bench"}'::jsonb, updated_at = now() where id = ${e!.contact_id}::uuid`,
            );
            const named = Boolean(c!.values.FIRSTNAME);
            const end = named ? "named" : "anon";
            const outcome = named ? "Named" : "Anonymous";
            await tx.execute(sql`insert into enrolment_history (enrolment_id, visit, program_id, at, node_ids, outcomes)
            values (${j.enrolment_id}, 0, ${job.programId}::uuid, now(), array['start', 'tag', 'check', ${end}],
              array[null, null, null, ${outcome}])`);
            await tx.execute(sql`update enrolments set state = 'done', node_id = ${end}, outcome = ${outcome},
            visit = 3, due_at = now(), updated_at = now() where id = ${j.enrolment_id}`);
            await tx.execute(sql`delete from jobs where id = ${j.id}`);
            return true;
          });
          if (!done) return;
        }
      };
      await Promise.all(Array.from({ length: BASELINE_WORKERS }, worker));
    },
  );
  await jobDb.close();

  console.log("");
  console.log(`peak RSS (engine run)               ${peakMiB.toFixed(0)} MiB`);
  console.log(
    `engine time ÷ raw-SQL floor time    ${(floorRate / engineRate).toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(
    `engine vs one job per contact       ${(engineRate / jobRate).toFixed(1)}× faster (target ≥ 30×)`,
  );
  console.log(
    `time for ${N.toLocaleString()} contacts          ${(N / engineRate).toFixed(1)} s (target ≤ 60 s)`,
  );
}

runBench(main);
