/**
 * Engine benchmark (issue 7): N contacts through Start → Update contact → Decision → End,
 * measured three ways in one run on the same database:
 *   1. Waymark's engine (batched claim → decide in memory → set-based writes),
 *   2. the raw-SQL floor: the same moves as hand-written set-based SQL,
 *   3. a one-job-per-contact baseline on a Postgres job queue (several queries per contact),
 *      run on a sample and reported as a rate.
 * Prints contacts/s, peak RSS and the ratios.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/engine-bench.ts [--contacts 1000000] [--baseline 20000] [--pglite]
 */
import { parseArgs } from "node:util";
import { type Database, rowsOf } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import { sql } from "drizzle-orm";
import { runEngineBatch } from "../src/engine/run-engine-batch";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    contacts: { type: "string", default: "1000000" },
    baseline: { type: "string", default: "20000" },
    batch: { type: "string", default: "2000" },
    pglite: { type: "boolean", default: false },
  },
});
const N = Number(args.contacts);
const BASELINE_N = Math.min(N, Number(args.baseline));
const BATCH = Number(args.batch);

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

async function timeIt(label: string, count: number, run: () => Promise<void>) {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const rate = count / seconds;
  console.log(
    `${label.padEnd(34)} ${count.toLocaleString().padStart(10)} contacts in ${seconds.toFixed(1).padStart(6)} s = ${Math.round(rate).toLocaleString().padStart(8)} contacts/s`,
  );
  return rate;
}

async function main() {
  const driver = args.pglite ? "pglite" : "postgres";
  if (driver === "postgres" && !process.env.TEST_DATABASE_URL) {
    throw new Error("Set TEST_DATABASE_URL (a PostgreSQL server), or pass --pglite");
  }
  console.log(`Engine benchmark on ${driver}: ${N.toLocaleString()} contacts, batches of ${BATCH}`);

  // 1. Waymark's engine.
  const engineDb = await openTestDatabase(driver);
  await seed(engineDb.db, N);
  const deps = { db: engineDb.db, now: () => new Date() };
  const engineRate = await timeIt("Waymark engine", N, async () => {
    while ((await runEngineBatch(deps, BATCH)) > 0) {}
  });
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const check = rowsOf<{ done: number }>(
    await engineDb.db.execute(
      sql`select count(*)::int as done from enrolments where state = 'done'`,
    ),
  )[0]!;
  if (check.done !== N) throw new Error(`engine finished ${check.done} of ${N}`);
  await engineDb.close();

  // 2. The raw-SQL floor: the same moves, hand-written and set-based.
  const floorDb = await openTestDatabase(driver);
  const floor = await seed(floorDb.db, N);
  const floorRate = await timeIt("raw-SQL floor", N, async () => {
    for (;;) {
      const moved = rowsOf<{ n: number }>(
        await floorDb.db.transaction(async (tx) =>
          tx.execute(sql`
            with batch as (
              select e.id, e.contact_id from enrolments e
              where e.program_id = ${floor.programId}::uuid and e.state = 'active'
              order by e.due_at, e.id limit ${BATCH} for update skip locked
            ), tagged as (
              update contacts c set values = c.values || '{"SEGMENT":"bench"}'::jsonb
              from batch where c.id = batch.contact_id
              returning c.id, coalesce(c.values->>'FIRSTNAME', '') <> '' as named
            ), steps as (
              insert into enrolment_steps (enrolment_id, program_id, contact_id, node_id, visit, at)
              select b.id, ${floor.programId}::uuid, b.contact_id, n.node_id, n.visit, now()
              from batch b cross join (values ('start', 0), ('tag', 1), ('check', 2)) n(node_id, visit)
            ), moved as (
              update enrolments e set state = 'done', node_id = case when t.named then 'named' else 'anon' end,
                outcome = case when t.named then 'Named' else 'Anonymous' end, visit = 3, updated_at = now()
              from batch b join tagged t on t.id = b.contact_id where e.id = b.id
              returning 1
            )
            select count(*)::int as n from moved`),
        ),
      )[0]!;
      if (moved.n === 0) break;
    }
  });
  await floorDb.close();

  // 3. One job per contact on a Postgres job queue (sampled).
  const jobDb = await openTestDatabase(driver);
  const job = await seed(jobDb.db, BASELINE_N);
  await jobDb.db.execute(
    sql`create table jobs (id bigserial primary key, enrolment_id bigint not null, run_at timestamptz not null default now())`,
  );
  await jobDb.db.execute(
    sql`insert into jobs (enrolment_id) select id from enrolments where program_id = ${job.programId}::uuid`,
  );
  const jobRate = await timeIt("one job per contact (queue)", BASELINE_N, async () => {
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
            sql`update contacts set values = values || '{"SEGMENT":"bench"}'::jsonb where id = ${e!.contact_id}::uuid`,
          );
          for (const [node, visit] of [
            ["start", 0],
            ["tag", 1],
            ["check", 2],
          ] as const) {
            await tx.execute(sql`insert into enrolment_steps (enrolment_id, program_id, contact_id, node_id, visit, at)
              values (${j.enrolment_id}, ${job.programId}::uuid, ${e!.contact_id}::uuid, ${node}, ${visit}, now())`);
          }
          const named = Boolean(c!.values.FIRSTNAME);
          await tx.execute(sql`update enrolments set state = 'done', node_id = ${named ? "named" : "anon"},
            outcome = ${named ? "Named" : "Anonymous"}, visit = 3 where id = ${j.enrolment_id}`);
          await tx.execute(sql`delete from jobs where id = ${j.id}`);
          return true;
        });
        if (!done) return;
      }
    };
    await Promise.all(Array.from({ length: driver === "postgres" ? 4 : 1 }, worker));
  });
  await jobDb.close();

  console.log("");
  console.log(`peak RSS (engine run)               ${peakMiB.toFixed(0)} MiB`);
  console.log(
    `engine vs raw-SQL floor             ${(floorRate / engineRate).toFixed(2)}× slower (target ≤ 3×)`,
  );
  console.log(
    `engine vs one job per contact       ${(engineRate / jobRate).toFixed(1)}× faster (target ≥ 30×)`,
  );
  console.log(
    `time for ${N.toLocaleString()} contacts          ${(N / engineRate).toFixed(1)} s (target ≤ 60 s)`,
  );
}

runBench(main);
