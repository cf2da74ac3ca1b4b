// Over 400 lines: seeding, the HTTP scenarios and the report are one run, read top to bottom.
/**
 * Usage statistics benchmark (issue 8). Seeds N recorded Messenger messages over D days across
 * P profiles of one account with set-based SQL (generate_series), with the per-day counters
 * rolled up from them, then measures the statistics API over real HTTP on a listening server,
 * with C concurrent clients:
 *   1. the profile page (messages delivered in the last 7 days, reasons not sent),
 *   2. the drill-down for 30 days,
 *   3. the 1st page of a contact list (Messages sent, 30 days, 50 per page),
 *   4. the 1,000th page of the same list (a keyset cursor 49,950 rows deep).
 * Prints p50/p95/p99 per scenario, and the EXPLAIN ANALYZE time of the queries behind it.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/stats-bench.ts [--messages 10000000] [--profiles 20] [--days 90]
 *       [--clients 20] [--requests 2000] [--pool 10] [--database waymark_stats_bench]
 *
 * Without --database the data goes into a scratch database that is dropped at the end; with it,
 * the named database is created (or reused when it already holds the same seed) and kept.
 */
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { serve } from "@hono/node-server";
import {
  AccountScope,
  type Database,
  migrateDatabase,
  openDatabase,
  rowsOf,
  waymarkMigrationsFolder,
} from "@waymark/db";
import { localDay } from "@waymark/engine";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { type SQL, sql } from "drizzle-orm";
import { loadConfig } from "../src/config";
import { createRuntime } from "../src/runtime";
import { encodeCursor } from "../src/services/page-cursor";
import { statisticsSql } from "../src/services/statistics/daily-stats";
import { contactPageSql } from "../src/services/statistics/message-contacts";
import { addDays } from "../src/services/statistics/stats-range";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "10000000" },
    profiles: { type: "string", default: "20" },
    days: { type: "string", default: "90" },
    clients: { type: "string", default: "20" },
    requests: { type: "string", default: "2000" },
    pool: { type: "string", default: "10" },
    database: { type: "string" },
  },
});
const N = Number(args.messages);
const PROFILES = Number(args.profiles);
const DAYS = Number(args.days);
const CLIENTS = Number(args.clients);
const REQUESTS = Number(args.requests);
const POOL = Number(args.pool);
const TIME_ZONE = "Europe/Paris";
const CONTACTS = Math.max(1, Math.min(500_000, Math.floor(N / 20)));
const PROGRAMS = 5;
const EMAIL = "stats-bench@example.test";
const PASSWORD = "correct horse battery";
const CHUNK = 1_000_000;
const PAGE = 50;
const DEEP_PAGE = 1000;

const seedTag = `${N}/${PROFILES}/${DAYS}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** A deterministic version-4-shaped uuid for the n-th seeded record of a kind. */
const benchId = (kind: string, n: SQL) =>
  sql`overlay(overlay(md5(${sql.raw(`'bench-${kind}-'`)} || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;

/** Seeds the account's profiles, contacts, programs and messages, then the counters from them. */
async function seed(db: Database, accountId: string) {
  const started = performance.now();
  const account = sql`${accountId}::uuid`;
  await db.execute(sql`update accounts set time_zone = ${TIME_ZONE}, name = ${`Stats bench ${seedTag}`}
    where id = ${account}`);
  await db.execute(sql`
    insert into messenger_profiles (id, account_id, name, page_id, page_name, status, policy_version,
      opt_in_code, opt_in_field_name, page_token_enc)
    select ${benchId("profile", sql.raw("p"))}, ${account}, 'Bench profile ' || p, '9' || lpad(p::text, 14, '0'),
      'Bench page ' || p, 'enabled', '2018', 'B' || lpad(p::text, 3, '0'), 'FBOPTIN_B' || lpad(p::text, 3, '0'),
      'not-a-token'
    from generate_series(0, ${PROFILES - 1}) p`);
  await db.execute(sql`
    insert into programs (id, account_id, name, status, document)
    select ${benchId("program", sql.raw("p"))}, ${account}, 'Bench program ' || p, 'active',
      '{"schemaVersion":1,"nodes":[],"edges":[]}'::jsonb
    from generate_series(0, ${PROGRAMS - 1}) p`);
  await db.execute(sql`
    insert into contacts (id, account_id, email, values)
    select ${benchId("contact", sql.raw("g"))}, ${account}, 'contact' || g || '@bench.test',
      jsonb_build_object('FIRSTNAME', 'First' || g, 'LASTNAME', 'Last' || g)
    from generate_series(0, ${CONTACTS - 1}) g`);
  log(`seeded ${PROFILES} profiles, ${PROGRAMS} programs, ${CONTACTS.toLocaleString()} contacts`);

  await db.transaction(async (tx) => {
    // Bulk load: without per-row foreign-key triggers (superuser only) and with the secondary
    // indexes built once afterwards, from their own definitions.
    const [role] = rowsOf<{ super: boolean }>(
      await tx.execute(sql`select rolsuper as super from pg_roles where rolname = current_user`),
    );
    if (role?.super) await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
    const indexes = rowsOf<{ name: string; def: string }>(
      await tx.execute(sql`select indexname as name, indexdef as def from pg_indexes
        where tablename = 'messenger_messages' and indexname <> 'messenger_messages_pkey'`),
    );
    for (const index of indexes) await tx.execute(sql.raw(`drop index ${index.name}`));
    const end = Date.now();
    const spanMs = DAYS * 86_400_000;
    for (let from = 0; from < N; from += CHUNK) {
      const to = Math.min(N, from + CHUNK) - 1;
      // Messages in time order, profiles interleaved; r decides the outcome.
      await tx.execute(sql`
        insert into messenger_messages (id, account_id, profile_id, program_id, node_id, enrolment_id,
          visit, contact_id, status, reason, error_code, error_message, day, created_at, next_attempt_at,
          sent_at, delivered_at, read_at, sent_day, delivered_day, read_day)
        select gen_random_uuid(), ${account}, ${benchId("profile", sql.raw(`(g % ${PROFILES})`))},
          ${benchId("program", sql.raw(`(g % ${PROGRAMS})`))}, 'node-' || (g % 3), g, 0,
          ${benchId("contact", sql.raw(`(g % ${CONTACTS})`))},
          case when r < 40 then 'read' when r < 75 then 'delivered' when r < 85 then 'sent'
            when r < 96 then 'not_sent' when r < 98 then 'failed' else 'unknown' end,
          case when r between 85 and 95 then (array['contact has not opted in', 'outside the 24-hour window',
              'message is empty after personalisation', 'profile is disabled'])[1 + g % 4]
            when r between 96 and 97 then 'Facebook error 551/1545041: This person isn''t available right now.'
            when r >= 98 then 'outcome unknown: the sender stopped while sending' end,
          case when r between 96 and 97 then 551 end,
          case when r between 96 and 97 then 'Facebook error 551/1545041: This person isn''t available right now.' end,
          (t at time zone ${TIME_ZONE})::date, t, t,
          case when r < 85 then t end,
          case when r < 75 then t + interval '2 seconds' end,
          case when r < 40 then t + interval '1 minute' end,
          case when r < 85 then (t at time zone ${TIME_ZONE})::date end,
          case when r < 75 then ((t + interval '2 seconds') at time zone ${TIME_ZONE})::date end,
          case when r < 40 then ((t + interval '1 minute') at time zone ${TIME_ZONE})::date end
        from generate_series(${from}::bigint, ${to}::bigint) g,
          lateral (select to_timestamp(${(end - spanMs) / 1000} + ${spanMs / 1000}::float8 * g / ${N}) as t,
            (g * 7919 + g / 13) % 100 as r) x`);
      log(`messages ${(to + 1).toLocaleString()} / ${N.toLocaleString()}`);
    }
    for (const index of indexes) {
      await tx.execute(sql.raw(index.def));
      log(`index ${index.name}`);
    }
    // The counters, rolled up from the rows (what the engine keeps up to date transactionally).
    await tx.execute(sql`
      insert into messenger_daily_stats (profile_id, day, sent, delivered, read, failed, not_sent, unknown)
      select profile_id, day,
        count(*) filter (where status in ('sent', 'delivered', 'read')),
        count(*) filter (where status in ('delivered', 'read')),
        count(*) filter (where status = 'read'),
        count(*) filter (where status = 'failed'),
        count(*) filter (where status = 'not_sent'),
        count(*) filter (where status = 'unknown')
      from messenger_messages where account_id = ${account} group by profile_id, day`);
    await tx.execute(sql`
      insert into messenger_daily_reasons (profile_id, day, kind, reason, count)
      select profile_id, day, case status when 'not_sent' then 'warning' else status end, reason, count(*)
      from messenger_messages where account_id = ${account} and status in ('not_sent', 'failed', 'unknown')
      group by 1, 2, 3, 4`);
  });
  log("vacuum analyze");
  await db.execute(sql`vacuum analyze messenger_messages`);
  await db.execute(sql`analyze`);
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The load generator, in its own thread (so its work does not run on the server's event loop):
 * `clients` concurrent request loops over keep-alive connections (undici's Pool), each
 * request's latency in ms, like autocannon.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { Pool } = require(workerData.undici);
const pool = new Pool(workerData.origin, { connections: workerData.clients });
parentPort.on("message", async ({ paths, total, clients, cookie }) => {
  const latencies = [];
  let next = 0;
  let failure = null;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < total && !failure; i = next++) {
      const t0 = performance.now();
      const res = await pool.request({ method: "GET", path: paths[i % paths.length], headers: { cookie } });
      await res.body.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) failure = "HTTP " + res.statusCode + " for " + paths[i % paths.length];
    }
  }));
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000, failure });
});
`;

function loadGenerator(origin: string, clients: number) {
  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: { origin, clients, undici: createRequire(import.meta.url).resolve("undici") },
  });
  return {
    run(paths: string[], total: number, cookie: string) {
      return new Promise<{ latencies: number[]; seconds: number }>((resolve, reject) => {
        worker.once(
          "message",
          (m: { latencies: number[]; seconds: number; failure: string | null }) =>
            m.failure
              ? reject(new Error(m.failure))
              : resolve({ ...m, latencies: m.latencies.sort((a, b) => a - b) }),
        );
        worker.once("error", reject);
        worker.postMessage({ paths, total, clients, cookie });
      });
    },
    stop: () => worker.terminate(),
  };
}

/** Median over runs of the summed planning + execution time of the statements. */
async function explainTime(db: Database, runs: SQL[][]): Promise<number> {
  const totals: number[] = [];
  for (const statements of runs) {
    let ms = 0;
    for (const statement of statements) {
      const [row] = rowsOf<Record<string, unknown>>(
        await db.execute(sql`explain (analyze, format json) ${statement}`),
      );
      const raw = row!["QUERY PLAN"];
      const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
        "Planning Time": number;
        "Execution Time": number;
      }[];
      ms += plan[0]!["Planning Time"] + plan[0]!["Execution Time"];
    }
    totals.push(ms);
  }
  return totals.sort((a, b) => a - b)[Math.floor(totals.length / 2)]!;
}

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server URL");
  const name = args.database ?? `waymark_stats_bench_${Math.random().toString(16).slice(2, 10)}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error("--database: use lower-case letters, digits, _");
  const admin = await openDatabase({ url: adminUrl, maxConnections: 1 });
  const exists = rowsOf(
    await admin.db.execute(sql`select 1 from pg_database where datname = ${name}`),
  );
  if (exists.length === 0) await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), maxConnections: POOL });
  await migrateDatabase(database, [
    { migrationsFolder: waymarkMigrationsFolder },
    sandboxMigrations,
  ]);

  // The real server, listening; the engine off (nothing else competes for the database).
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ PORT: String(port), PUBLIC_URL: base, ENGINE: "off" });
  const runtime = createRuntime({ config, secretKey: "b".repeat(64), database });
  const server = serve({ fetch: runtime.app.fetch, port, hostname: "127.0.0.1" });
  await runtime.start();
  const db = database.db;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify(body),
    });

  try {
    const seeded = rowsOf<{ id: string }>(
      await db.execute(sql`select id from accounts where name = ${`Stats bench ${seedTag}`}`),
    );
    let res = await post("/api/auth/login", { email: EMAIL, password: PASSWORD });
    if (seeded.length === 0) {
      if (res.status === 200) throw new Error(`${name} holds another seed; use another --database`);
      res = await post("/api/auth/signup", {
        accountName: "Stats bench",
        email: EMAIL,
        password: PASSWORD,
      });
      if (res.status !== 201) throw new Error(`sign-up failed: ${await res.text()}`);
      const { accountId } = (await res.json()) as { accountId: string };
      log(`seeding ${N.toLocaleString()} messages over ${DAYS} days across ${PROFILES} profiles`);
      await seed(db, accountId);
    } else {
      log(`reusing the seed in ${name}`);
    }
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`log-in failed: ${await res.text()}`);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const [account] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from accounts where name = ${`Stats bench ${seedTag}`}`),
    );
    const accountId = account!.id;
    const profiles = rowsOf<{ id: string }>(
      await db.execute(
        sql`select id from messenger_profiles where account_id = ${accountId}::uuid order by name`,
      ),
    ).map((p) => p.id);
    const [sizes] = rowsOf<Record<string, string>>(
      await db.execute(sql`select
        (select count(*) from messenger_messages)::text as messages,
        (select count(*) from messenger_daily_stats)::text as stat_rows,
        (select count(*) from messenger_daily_reasons)::text as reason_rows,
        pg_size_pretty(pg_total_relation_size('messenger_messages')) as table_size`),
    );
    log(
      `messenger_messages: ${Number(sizes!.messages).toLocaleString()} rows (${sizes!.table_size} with indexes); counters: ${sizes!.stat_rows} daily rows, ${sizes!.reason_rows} reason rows`,
    );

    const today = localDay(new Date(), TIME_ZONE);
    const week = { from: addDays(today, -6), to: today };
    const month = { from: addDays(today, -29), to: today };
    // The cursor of the 1,000th page for each profile: the last row of page 999 (or the
    // deepest page a smaller seed has).
    const [fewest] = rowsOf<{ n: number }>(
      await db.execute(sql`select coalesce(min(n), 0)::int as n from (
        select sum(sent) as n from messenger_daily_stats
        where profile_id in (select id from messenger_profiles where account_id = ${accountId}::uuid)
          and day between ${month.from}::date and ${month.to}::date group by profile_id) x`),
    );
    const depth = Math.min(DEEP_PAGE, Math.floor((fewest!.n - 1) / PAGE) + 1);
    if (depth < 2) throw new Error("too few messages for a deep page: raise --messages");
    const deep: { after: [string, string, string]; cursor: string }[] = [];
    for (const id of profiles) {
      const [row] = rowsOf<{ day: string; at: string; id: string }>(
        await db.execute(sql`select day::text as day, created_at::text as at, id::text as id
          from messenger_messages
          where profile_id = ${id}::uuid and day between ${month.from}::date and ${month.to}::date
            and status in ('sent', 'delivered', 'read')
          order by day desc, created_at desc, id desc offset ${(depth - 1) * PAGE - 1} limit 1`),
      );
      deep.push({
        after: [row!.day, row!.at, row!.id],
        cursor: encodeCursor([row!.day, row!.at, row!.id]),
      });
    }

    const generator = loadGenerator(base, CLIENTS);
    const stats = (p: string) => `/api/messenger/statistics/${p}`;
    const scope = new AccountScope(db, accountId);
    const profileLookup = (
      p: string,
    ) => sql`select p.id, p.name, a.time_zone from messenger_profiles p
      join accounts a on a.id = p.account_id where p.account_id = ${accountId}::uuid and p.id = ${p}::uuid`;
    const page = (i: number, after?: [string, string, string]) =>
      contactPageSql(accountId, profiles[i]!, {
        ...month,
        kind: "sent",
        order: "newest",
        limit: PAGE,
        after,
      });

    const scenarios = [
      {
        label: "baseline: GET /api/auth/me",
        path: () => "/api/auth/me",
        queries: () => [sql`select 1`],
      },
      {
        label: "profile page (7 days)",
        path: (i: number) => stats(profiles[i]!),
        queries: (i: number) => [statisticsSql(scope, profiles[i]!, week)],
      },
      {
        label: "drill-down (30 days)",
        path: (i: number) => `${stats(profiles[i]!)}/days?days=30`,
        queries: (i: number) => [statisticsSql(scope, profiles[i]!, month)],
      },
      {
        label: "contact list, page 1",
        path: (i: number) => `${stats(profiles[i]!)}/contacts?kind=sent&days=30&limit=${PAGE}`,
        queries: (i: number) => [profileLookup(profiles[i]!), page(i)],
      },
      {
        label: `contact list, page ${depth.toLocaleString()}`,
        path: (i: number) =>
          `${stats(profiles[i]!)}/contacts?kind=sent&days=30&limit=${PAGE}&cursor=${deep[i]!.cursor}`,
        queries: (i: number) => [profileLookup(profiles[i]!), page(i, deep[i]!.after)],
      },
    ];

    console.log("");
    console.log(
      `${CLIENTS} concurrent clients, ${REQUESTS.toLocaleString()} requests per scenario, pool of ${POOL} connections, ${TIME_ZONE}`,
    );
    console.log(
      `${"scenario".padEnd(26)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"req/s".padStart(9)}${"EXPLAIN".padStart(10)}${"p50/EXPL".padStart(10)}${"p95/EXPL".padStart(10)}  p95 ≤ 100 ms`,
    );
    const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
    for (const s of scenarios) {
      const paths = profiles.map((_, i) => s.path(i));
      await generator.run(paths, Math.min(REQUESTS, 200), cookie); // warm-up
      const { latencies, seconds } = await generator.run(paths, REQUESTS, cookie);
      const explained = await explainTime(
        db,
        profiles.map((_, i) => s.queries(i)),
      );
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      const p99 = percentile(latencies, 99);
      console.log(
        `${s.label.padEnd(26)}${ms(p50)}${ms(p95)}${ms(p99)}${String(Math.round(REQUESTS / seconds)).padStart(9)}${`${explained.toFixed(2)} ms`.padStart(10)}${`${(p50 / explained).toFixed(1)}×`.padStart(10)}${`${(p95 / explained).toFixed(1)}×`.padStart(10)}  ${p95 <= 100 ? "yes" : "NO"}`,
      );
    }
    await generator.stop();
    console.log("");
    console.log(
      "EXPLAIN = median over the profiles of the planning + execution time of the statements behind the route (the profile page and drill-down: one statement; contact lists: the profile lookup and the page; the session lookup every route makes is not included).",
    );
  } finally {
    await runtime.stop();
    await new Promise((resolve) => server.close(resolve));
    await database.close();
    if (!args.database) {
      const dropper = await openDatabase({ url: adminUrl, maxConnections: 1 });
      await dropper.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await dropper.close();
    }
  }
}

runBench(main);
