/**
 * Webhook acknowledgement benchmark (issue 20, point 15): signed single-event delivery receipts
 * POSTed over real keep-alive HTTP by `--clients` concurrent clients (in a worker thread) to a
 * listening Waymark with its engine on, so the inbox is processed meanwhile as in production.
 * Each receipt names a message Waymark sent, so processing does real work. Prints receipts/s and
 * the p50/p99/max time to the 200, on PGlite, then on PostgreSQL when TEST_DATABASE_URL is set.
 *
 *   [TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] \
 *     npm run bench:webhooks -- [--clients 16] [--receipts 6000] [--warmup 500] [--driver postgres]
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { type Driver, rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { seedContactsOnList } from "../src/testing/bulk-seed";
import { ADMIN_PAGE, createSandboxProfile } from "../src/testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../src/testing/test-app";
import { cpuSecondsOf } from "./proc-cpu";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "16" },
    receipts: { type: "string", default: "6000" },
    warmup: { type: "string", default: "500" },
    driver: { type: "string" },
  },
});
const CLIENTS = Number(args.clients);
const RECEIPTS = Number(args.receipts);
const WARMUP = Number(args.warmup);

async function main() {
  console.log(
    `webhook ack bench: ${CLIENTS} clients, ${RECEIPTS} receipts (+${WARMUP} warm-up), ` +
      `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
  );
  const drivers: Driver[] = args.driver
    ? [args.driver as Driver]
    : process.env.TEST_DATABASE_URL
      ? ["pglite", "postgres"]
      : ["pglite"];
  for (const driver of drivers) await benchDriver(driver);
}

async function benchDriver(driver: Driver) {
  const t = await createTestApp(driver, { engine: true });
  try {
    const messages = await seedSentMessages(t, WARMUP + RECEIPTS);
    const input = { url: t.url, appSecret: t.runtime.deps.webhook.appSecret, pageId: ADMIN_PAGE };
    // Warm-up: figures thrown away (JIT, plans, pool connections).
    await runClients({ ...input, clients: CLIENTS, messages: messages.slice(0, WARMUP) });
    const cpuBefore = await cpuNow(t);
    const started = performance.now();
    const latencies = await runClients({
      ...input,
      clients: CLIENTS,
      messages: messages.slice(WARMUP),
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = await cpuSince(t, cpuBefore);
    const drained = await waitForInbox(t);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    console.log(
      `${driver.padEnd(8)} ${(latencies.length / seconds).toFixed(0)} receipts/s, ack p50 ${at(0.5).toFixed(1)} ms, ` +
        `p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms; inbox empty ${drained.toFixed(1)} s after the last ack, ` +
        `${await deliveredCount(t)} of ${messages.length} messages delivered; CPU per receipt: ` +
        `${((cpu.node / latencies.length) * 1e6).toFixed(0)} µs this process (server, engine, ` +
        `clients), ${((cpu.postgres / latencies.length) * 1e6).toFixed(0)} µs its PostgreSQL ` +
        `backends; load average ${loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await t.close();
  }
}

/** CPU seconds so far of this process (all its threads) and of the database's backends. */
async function cpuNow(t: TestApp) {
  const pids =
    t.database.driver === "postgres"
      ? rowsOf<{ pid: number }>(
          await t.db.execute(
            sql`select pid from pg_stat_activity where datname = current_database()`,
          ),
        ).map((r) => r.pid)
      : [];
  const usage = process.cpuUsage();
  return {
    node: (usage.user + usage.system) / 1e6,
    backends: new Map(pids.map((p) => [p, cpuSecondsOf(p)])),
  };
}

/** CPU seconds used since `before`: this process's, and the backends' (new ones counted whole). */
async function cpuSince(t: TestApp, before: Awaited<ReturnType<typeof cpuNow>>) {
  const after = await cpuNow(t);
  let postgres = 0;
  for (const [pid, cpu] of after.backends) postgres += cpu - (before.backends.get(pid) ?? 0);
  return { node: after.node - before.node, postgres };
}

/** What the client worker takes (bench/webhook-bench-clients.mjs). */
interface ClientsInput {
  url: string;
  appSecret: string;
  pageId: string;
  clients: number;
  messages: { psid: string; mid: string }[];
}

function runClients(input: ClientsInput): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./webhook-bench-clients.mjs", import.meta.url), {
      workerData: input,
    });
    worker.once("message", (result: { latencies?: number[]; error?: string }) => {
      void worker.terminate();
      if (result.latencies) resolve(result.latencies);
      else reject(new Error(result.error));
    });
    worker.once("error", reject);
  });
}

/** `count` messages recorded as sent to one person each on a sandbox Page's profile. */
async function seedSentMessages(t: TestApp, count: number) {
  const browser = new TestBrowser(t.app);
  const { accountId } = await browser.signUp("Webhook bench");
  const created = await createSandboxProfile(browser, { pageId: ADMIN_PAGE });
  const { id: profileId } = (await created.json()) as { id: string };
  await seedContactsOnList(t, accountId, "wh", count);
  return rowsOf<{ psid: string; mid: string }>(
    await t.db.execute(sql`
      insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
        psid, status, fb_message_id, sent_at, day)
      select c.account_id, ${profileId}::uuid, 'bench', row_number() over (order by c.id), 1, c.id,
        'psid-' || c.id, 'sent', 'm_' || c.id, now() - interval '1 minute', current_date
      from contacts c where c.account_id = ${accountId}::uuid
      returning psid, fb_message_id as mid`),
  );
}

/** Seconds until the engine has applied every stored receipt (the inbox holds no pending row). */
async function waitForInbox(t: TestApp): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from webhook_events where processed_at is null`,
      ),
    );
    if (row?.n === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > 120_000) throw new Error("the inbox did not drain in 120 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deliveredCount(t: TestApp): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await t.db.execute(
      sql`select count(*)::int as n from messenger_messages where status = 'delivered'`,
    ),
  );
  return row?.n ?? 0;
}

runBench(main);
