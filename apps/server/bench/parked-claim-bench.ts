/**
 * The engine's claim beside a deactivated program's backlog (issue 15): `--parked` enrolments
 * (1,000,000) of a deactivated program, all due, and `--due` (10,000) due enrolments of an
 * active one. Times the claim statement exactly as `runEngineBatch` sends it (its first
 * statement, the transaction then rolled back so every sample claims the same rows), first
 * with the backlog left in the due index as before parking (baseline), then after
 * `parkEnrolments` took it out (also timed), and once more after `resumeEnrolments`.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/parked-claim-bench.ts [--parked N] [--due N] [--samples N] [--pglite]
 */
import { parseArgs } from "node:util";
import { type Database, type Driver, rowsOf, type Transaction } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { edge, endNode, programDocument, startNode, waitNode } from "@waymark/domain/fixtures";
import {
  ENGINE_BATCH_SIZE,
  parkEnrolments,
  resumeEnrolments,
  runEngineBatch,
} from "@waymark/engine";
import { sql } from "drizzle-orm";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    parked: { type: "string", default: "1000000" },
    due: { type: "string", default: "10000" },
    samples: { type: "string", default: "200" },
    "baseline-samples": { type: "string", default: "20" },
    pglite: { type: "boolean", default: false },
  },
});
const parkedCount = Number(args.parked);
const dueCount = Number(args.due);
const samples = Number(args.samples);
const baselineSamples = Number(args["baseline-samples"]);
const driver: Driver = args.pglite || !process.env.TEST_DATABASE_URL ? "pglite" : "postgres";

const document = programDocument(
  [startNode("start"), waitNode("wait", 1, "days"), endNode("end")],
  [edge("start", "wait"), edge("wait", "end")],
);

/** Inserts `count` contacts enrolled in a new program of `status`, all due a minute ago. */
async function seedProgram(db: Database, accountId: string, name: string, count: number) {
  const [program] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into programs (account_id, name, status, document)
      values (${accountId}::uuid, ${name}, 'active', ${JSON.stringify(document)}::jsonb) returning id`),
  );
  await db.execute(sql`insert into program_versions (program_id, version, account_id, document)
    values (${program!.id}::uuid, 1, ${accountId}::uuid, ${JSON.stringify(document)}::jsonb)`);
  for (let from = 1; from <= count; from += 100_000) {
    const to = Math.min(count, from + 99_999);
    await db.execute(sql`
      with c as (
        insert into contacts (account_id, email, values)
        select ${accountId}::uuid, ${name} || g || '@example.com', jsonb_build_object('FIRSTNAME', 'N' || g)
        from generate_series(${from}::int, ${to}::int) g
        returning id)
      insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at)
      select ${accountId}::uuid, ${program!.id}::uuid, 1, id, 'start', now() - interval '1 minute' from c`);
  }
  return program!.id;
}

const ROLLBACK = new Error("rollback");

/**
 * Milliseconds of the engine's claim, `n` times: `runEngineBatch`'s first statement is timed and
 * its transaction rolled back right after, so nothing moves and every sample claims the same rows.
 */
async function timeClaims(db: Database, n: number, limit: number): Promise<number[]> {
  const times: number[] = [];
  let claimed = 0;
  const timed = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "transaction") return Reflect.get(target, prop, receiver);
      return (run: (tx: Transaction) => Promise<unknown>) =>
        target.transaction((tx) =>
          run(
            new Proxy(tx, {
              get(t, p, r) {
                if (p !== "execute") return Reflect.get(t, p, r);
                return async (query: Parameters<Transaction["execute"]>[0]) => {
                  const started = performance.now();
                  const result = await t.execute(query);
                  times.push(performance.now() - started);
                  claimed = rowsOf(result).length;
                  throw ROLLBACK;
                };
              },
            }),
          ),
        );
    },
  });
  for (let i = 0; i < n; i++) {
    try {
      await runEngineBatch({ db: timed, now: () => new Date() }, limit);
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
  }
  if (claimed !== Math.min(dueCount, limit)) {
    throw new Error(`claimed ${claimed} rows, expected ${Math.min(dueCount, limit)}`);
  }
  return times;
}

/** Claims of the engine's batch size and of a small batch (the walk to the due rows, mostly). */
const LIMITS = [ENGINE_BATCH_SIZE, 100];

async function report(db: Database, label: string, n: number) {
  for (const limit of LIMITS) {
    await timeClaims(db, 2, limit);
    const times = await timeClaims(db, n, limit);
    console.log(
      `${label.padEnd(36)} claims of ${limit.toLocaleString("en").padStart(5)}: ${summary(times)}`,
    );
  }
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (${times.length} claims)`;
}

async function main() {
  const handle = await openTestDatabase(driver);
  const { db } = handle;
  try {
    console.log(
      `${driver}: ${parkedCount.toLocaleString("en")} enrolments of a deactivated program, ${dueCount.toLocaleString("en")} due of an active one`,
    );
    const started = performance.now();
    const [account] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into accounts (name) values ('Bench') returning id`),
    );
    // The backlog fell due before the active program's contacts: a claim walking the due index
    // in order meets all of it first, as a long-paused campaign's would be.
    const paused = await seedProgram(db, account!.id, "paused", parkedCount);
    const running = await seedProgram(db, account!.id, "running", dueCount);
    await db.execute(sql`update enrolments set due_at = due_at - interval '1 hour'
      where program_id = ${paused}::uuid`);
    await db.execute(sql`analyze`);
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Baseline: deactivated as before parking existed, its enrolments left in the due index.
    await db.execute(sql`update programs set status = 'deactivated' where id = ${paused}::uuid`);
    await report(db, "baseline, backlog in the due index:", baselineSamples);

    const parkStarted = performance.now();
    await db.transaction((tx) => parkEnrolments(tx, paused));
    const parkSeconds = (performance.now() - parkStarted) / 1000;
    await db.execute(sql`vacuum analyze enrolments`);
    console.log(
      `parkEnrolments (deactivation): ${parkSeconds.toFixed(1)} s for ${parkedCount.toLocaleString("en")} enrolments`,
    );
    await report(db, "parked, out of the due index:", samples);

    const resumeStarted = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`update programs set status = 'active' where id = ${paused}::uuid`);
      await resumeEnrolments(tx, paused);
    });
    console.log(
      `resumeEnrolments (reactivation): ${((performance.now() - resumeStarted) / 1000).toFixed(1)} s`,
    );
    const due = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from enrolments
        where program_id in (${paused}::uuid, ${running}::uuid) and state = 'active' and not parked and due_at <= now()`),
    )[0]!.n;
    console.log(`due again after reactivation: ${due.toLocaleString("en")}`);
    if (due !== parkedCount + dueCount)
      throw new Error("reactivation did not resume every enrolment");
  } finally {
    await handle.close();
  }
}

runBench(main);
