/**
 * End-to-end benchmark (issue 15.1): N contacts opted in on P sandbox Pages, one program per
 * Page Start(list) → Messenger ("Hi @FIRSTNAME@") → End, activated through the HTTP API of a
 * Waymark server process; W `worker` processes send (on PGlite: the server process, which
 * embeds the database). The Facebook sandbox runs as its own process on a scratch PostgreSQL
 * database and delivers its webhooks (echoes, deliveries) to the server. Measures the time
 * from activation to the last message recorded sent, sends/s, each process's peak RSS, and
 * the ceiling: the sandbox's ingest rate for the same Graph batches posted straight to it.
 * `sent` is counted twice: Waymark's messages in a sent state, and the sandbox's accepted sends.
 * Ends with one JSON line; exits non-zero unless both counts are N.
 *
 *   npm run bench:e2e -- [--contacts 20000] [--pages 4] [--workers 1] [--rate 0] [--pglite]
 *     [--entry dist|source]
 * `--rate` is messages/s per Page (0: unpaced). `--entry dist` (the default; the npm script
 * builds first) runs apps/server/dist/{main,worker}.js as `npm start`/`npm run worker` do;
 * `source` runs src/*.ts through tsx. Needs TEST_DATABASE_URL (the sandbox's database, and
 * Waymark's unless --pglite).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type DatabaseHandle, openDatabase, rowsOf } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { sql } from "drizzle-orm";
import { freePort, TEST_ORIGIN, TestBrowser } from "../src/testing/test-app";
import { type BenchProcess, peakRssMiB, startNodeProcess } from "./bench-process";
import { measureCeiling, webhookSink } from "./e2e-ceiling";
import {
  sandboxAdmin,
  seedSandboxOptIns,
  seedWaymarkOptIns,
  setUpAccount,
  startSandbox,
  waymarkEnv,
} from "./e2e-setup";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    contacts: { type: "string", default: "20000" },
    pages: { type: "string", default: "4" },
    workers: { type: "string", default: "1" },
    rate: { type: "string", default: "0" },
    pglite: { type: "boolean", default: false },
    entry: { type: "string", default: "dist" },
    "stall-seconds": { type: "string", default: "120" },
  },
});
const N = Number(args.contacts);
const P = Number(args.pages);
const W = Number(args.workers);
const RATE = Number(args.rate);
const STALL_MS = Number(args["stall-seconds"]) * 1000;
// One sender's calls in flight: the sandbox is one process, and with 64 some batch calls
// waited past the client's 15 s timeout, which would understate its rate.
const CEILING_IN_FLIGHT = 32;
const entryOf = (name: "main" | "worker") => {
  const dist = fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url));
  if (args.entry === "source") return fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url));
  if (!existsSync(dist)) throw new Error(`${dist} is missing: build first, or pass --entry source`);
  return dist;
};

async function main() {
  for (const [name, value] of [
    ["contacts", N],
    ["pages", P],
    ["workers", W],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number ≥ 1`);
  }
  if (!(RATE >= 0)) throw new Error("--rate must be 0 (unpaced) or more messages/s per page");
  if (args.pglite && W !== 1)
    throw new Error("--pglite runs one process (the server): --workers 1");
  if (!process.env.TEST_DATABASE_URL)
    throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server");
  const waymarkPort = await freePort();
  const pgliteDir = args.pglite ? mkdtempSync(join(tmpdir(), "waymark-e2e-")) : undefined;
  const [sandboxDb, firstWaymarkDb] = await Promise.all([
    openTestDatabase("postgres", [sandboxMigrations]),
    pgliteDir
      ? openDatabase({ dataDir: join(pgliteDir, "pglite") })
      : openTestDatabase("postgres", [], { maxConnections: 3 }),
  ]);
  let waymarkDb: DatabaseHandle & { url?: string } = firstWaymarkDb;
  const processes: BenchProcess[] = [];
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  try {
    const sandboxPort = await freePort();
    const webhookUrl = `http://127.0.0.1:${waymarkPort}/webhooks/messenger`;
    let sandbox = startSandbox({ databaseUrl: sandboxDb.url!, port: sandboxPort, webhookUrl });
    await sandbox.ready;
    const env = (engine: boolean) =>
      waymarkEnv({
        port: waymarkPort,
        sandboxUrl: sandbox.url,
        rate: RATE,
        database: pgliteDir ? { dataDir: pgliteDir } : { url: waymarkDb.url! },
        engine,
      });

    // Setup: the account, Pages, profiles and programs through Waymark's API; opt-ins in SQL.
    const t0Setup = performance.now();
    const setup = await setUpAccount(env(false), waymarkDb, sandbox.url, P);
    await sandbox.proc.stop();
    await seedSandboxOptIns(
      sandboxDb.db,
      setup.pages.map((p) => p.pageId),
      N,
    );
    await seedWaymarkOptIns(waymarkDb.db, setup.accountId, setup.pages, N);
    if (pgliteDir) await waymarkDb.close();
    log(
      `setup: ${N} contacts opted in on ${P} pages in ${((performance.now() - t0Setup) / 1000).toFixed(1)} s`,
    );
    sandbox = startSandbox({ databaseUrl: sandboxDb.url!, port: sandboxPort, webhookUrl });

    // The product's processes, started with the sandbox: a web server, and W workers (on
    // PGlite the server sends).
    const server = startNodeProcess("server", entryOf("main"), env(Boolean(pgliteDir)));
    const workers = pgliteDir
      ? []
      : Array.from({ length: W }, (_, i) =>
          startNodeProcess(`worker ${i + 1}`, entryOf("worker"), env(true)),
        );
    processes.push(server, ...workers);
    await Promise.all([
      sandbox.ready,
      server.waitFor(/Waymark is running/, 120_000),
      ...workers.map((w) => w.waitFor(/Waymark worker running/, 120_000)),
    ]);

    // Activation over HTTP, each program as its Activate button does it.
    const browser = new TestBrowser({
      request: (input, init) =>
        fetch(String(input).replace(TEST_ORIGIN, `http://127.0.0.1:${waymarkPort}`), {
          ...init,
          redirect: "manual",
        }),
    });
    browser.cookie = setup.cookie;
    const activatedAt = Date.now();
    await Promise.all(
      setup.pages.map(async (p) => {
        const res = await browser.request("POST", `/api/programs/${p.programId}/activate`, {});
        if (res.status !== 200) throw new Error(`activate: ${res.status} ${await res.text()}`);
      }),
    );
    log(`activated ${P} programs in ${Date.now() - activatedAt} ms`);

    // Progress from the sandbox's record of accepted sends (its key counts them).
    const accepted = async () =>
      rowsOf<{ n: number }>(
        await sandboxDb.db.execute(
          sql`select coalesce(max(seq), 0)::int as n from fb_sandbox.sent_messages`,
        ),
      )[0]!.n;
    let last = 0;
    let lastChange = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const dead = processes.find((p) => p.exited());
      if (dead) throw new Error(`${dead.label} exited during the run:\n${dead.output()}`);
      const n = await accepted();
      if (n !== last) {
        if (Math.floor(n / (N / 10)) > Math.floor(last / (N / 10))) log(`${n} of ${N} accepted`);
        last = n;
        lastChange = Date.now();
      }
      if (n >= N) break;
      if (Date.now() - lastChange > (n === 0 ? 5 * STALL_MS : STALL_MS)) {
        log(`no progress for ${STALL_MS / 1000} s at ${n} of ${N} accepted; stopping`);
        break;
      }
    }
    // Waymark records each answer right after it: wait for the last messages to leave in_flight.
    if (!pgliteDir) {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await pendingMessages(waymarkDb)) > 0) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const rss = Object.fromEntries(processes.map((p) => [p.label, round(peakRssMiB(p.pid))]));
    rss.sandbox = round(peakRssMiB(sandbox.proc.pid));
    for (const p of processes.reverse()) await p.stop();
    processes.length = 0;
    if (pgliteDir) waymarkDb = await openDatabase({ dataDir: join(pgliteDir, "pglite") });
    const outcome = await outcomes(waymarkDb, activatedAt);

    // The sandbox's own count, once its writes and webhooks have settled.
    const sink = await webhookSink(waymarkPort);
    await sandboxAdmin(sandbox.url, "/settle", {});
    const [theirs] = rowsOf<{ n: number; distinct: number }>(
      await sandboxDb.db.execute(sql`select count(*)::int as n, count(distinct metadata)::int as distinct
        from fb_sandbox.sent_messages where metadata is not null and metadata <> 'ceiling'`),
    );
    log(`ceiling: the same ${N} sends in Graph batches posted straight to the sandbox`);
    const ceiling = await measureCeiling({
      sandboxUrl: sandbox.url,
      userId: setup.userId,
      pageIds: setup.pages.map((p) => p.pageId),
      contacts: N,
      concurrency: CEILING_IN_FLIGHT,
    });
    await sink.close();
    await sandbox.proc.stop();

    const sendsPerSecond = outcome.sent / outcome.seconds;
    console.log(
      `Waymark: ${outcome.sent} of ${N} sent (the sandbox accepted ${theirs!.n}, ${theirs!.distinct} distinct) ` +
        `in ${outcome.seconds.toFixed(1)} s from activation = ${Math.round(sendsPerSecond)} sends/s; ` +
        `other outcomes ${JSON.stringify(outcome.others)}`,
    );
    if (RATE > 0) {
      console.log(
        `Paced at ${RATE}/s per page: slowest page ${outcome.slowestPage.toFixed(0)}/s from its first to its last send ` +
          `(${(outcome.slowestPage / RATE).toFixed(3)}× the rate); overall ${(sendsPerSecond / (P * RATE)).toFixed(3)}× of ${P} × ${RATE}/s`,
      );
    }
    console.log(
      `Ceiling: ${ceiling.accepted} sends in ${ceiling.seconds.toFixed(1)} s = ${Math.round(ceiling.perSecond)}/s (${CEILING_IN_FLIGHT} batch calls in flight)` +
        (Object.keys(ceiling.refused).length > 0
          ? `; refused by code ${JSON.stringify(ceiling.refused)}`
          : ""),
    );
    console.log(`Peak RSS (MiB): ${JSON.stringify(rss)}`);
    const waymarkRss = Object.entries(rss).filter(([label]) => label !== "sandbox");
    const result = {
      contacts: N,
      pages: P,
      workers: W,
      rate: RATE,
      database: pgliteDir ? "pglite" : "postgres",
      seconds: round(outcome.seconds),
      firstSendSeconds: round(outcome.firstSendSeconds),
      sendsPerSecond: Math.round(sendsPerSecond),
      ceilingPerSecond: Math.round(ceiling.perSecond),
      ratio: Number((sendsPerSecond / ceiling.perSecond).toFixed(3)),
      peakRssMiB: Math.max(...waymarkRss.map(([, v]) => v)),
      peakRssByProcess: rss,
      sent: outcome.sent,
      sandboxAccepted: theirs!.distinct,
    };
    console.log(JSON.stringify(result));
    if (outcome.sent !== N || theirs!.n !== N || theirs!.distinct !== N) {
      throw new Error(
        `sent ${outcome.sent}, the sandbox accepted ${theirs!.n} (${theirs!.distinct} distinct), expected ${N}`,
      );
    }
  } finally {
    for (const p of processes) await p.stop(5_000);
    await waymarkDb.close().catch(() => {});
    await sandboxDb.close();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

async function pendingMessages(database: DatabaseHandle) {
  return rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from messenger_messages
      where status in ('queued', 'in_flight')`),
  )[0]!.n;
}

/** Waymark's record: messages in a sent state, the last one's time, and each page's pace. */
async function outcomes(database: DatabaseHandle, activatedAt: number) {
  const byStatus = rowsOf<{ status: string; n: number }>(
    await database.db.execute(
      sql`select status, count(*)::int as n from messenger_messages group by status`,
    ),
  );
  const sentStates = new Set(["sent", "delivered", "read"]);
  const sent = byStatus.filter((s) => sentStates.has(s.status)).reduce((a, s) => a + s.n, 0);
  const others = Object.fromEntries(
    byStatus.filter((s) => !sentStates.has(s.status)).map((s) => [s.status, s.n]),
  );
  const [times] = rowsOf<{ first: number | null; last: number | null }>(
    await database.db.execute(sql`select extract(epoch from min(sent_at))::float8 * 1000 as first,
        extract(epoch from max(sent_at))::float8 * 1000 as last
      from messenger_messages where sent_at is not null`),
  );
  const spans = rowsOf<{ n: number; seconds: number }>(
    await database.db.execute(sql`select count(*)::int as n,
        extract(epoch from max(sent_at) - min(sent_at))::float8 as seconds
      from messenger_messages where sent_at is not null group by profile_id`),
  );
  return {
    sent,
    others,
    seconds: ((times?.last ?? Date.now()) - activatedAt) / 1000,
    firstSendSeconds: ((times?.first ?? Date.now()) - activatedAt) / 1000,
    slowestPage: Math.min(...spans.map((s) => (s.n - 1) / Math.max(s.seconds, 1e-3))),
  };
}

runBench(main);
