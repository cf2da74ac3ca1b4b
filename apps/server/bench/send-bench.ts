/**
 * Messenger sending benchmark (issue 7): Waymark's sender against the Facebook sandbox over
 * real HTTP with keep-alive, on PostgreSQL.
 *   1. pacing off, messages spread over `--profiles` pages: sends/s and CPU per send;
 *      then, as the baseline, `--baseline-messages` more sent one per Send API call;
 *   2. pacing at `--rate`/s per page: the achieved rate per page and the busiest second.
 * By default the sandbox runs as its own process (as Facebook is another machine), reached
 * through SPEC §12's settings, with its own scratch database and its webhooks (echoes and
 * deliveries) going to Waymark's HTTP server; `--sandbox in-process` mounts it in Waymark's
 * process instead, as `npm start` does.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/send-bench.ts [--profiles 20] [--messages 20000] [--rate 300] \
 *       [--paced-seconds 10] [--batch-size 50] [--baseline-messages 10000] [--sandbox process|in-process]
 * `--batch-size 1` sends each message in an HTTP call of its own, as before Graph batches.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { rowsOf, unnestRows } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { SenderPipeline } from "@waymark/engine";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { sql } from "drizzle-orm";
import { sandboxLogin } from "../src/testing/sandbox-login";
import { createTestApp, freePort, TestBrowser } from "../src/testing/test-app";
import { cpuSecondsOf, postgresCpuSeconds } from "./proc-cpu";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    profiles: { type: "string", default: "20" },
    messages: { type: "string", default: "20000" },
    rate: { type: "string", default: "300" },
    "paced-profiles": { type: "string", default: "4" },
    "paced-seconds": { type: "string", default: "10" },
    "people-per-page": { type: "string", default: "50" },
    sandbox: { type: "string", default: "process" },
    "batch-size": { type: "string", default: "50" },
    "baseline-messages": { type: "string", default: "10000" },
  },
});
const PROFILES = Number(args.profiles);
const MESSAGES = Number(args.messages);
const RATE = Number(args.rate);
const PACED_PROFILES = Math.min(PROFILES, Number(args["paced-profiles"]));
const PACED_SECONDS = Number(args["paced-seconds"]);
const PEOPLE = Number(args["people-per-page"]);
const BATCH_SIZE = Number(args["batch-size"]);
const BASELINE_MESSAGES = Number(args["baseline-messages"]);
const SANDBOX_MAIN = fileURLToPath(
  new URL("../../../packages/facebook-sandbox/src/main.ts", import.meta.url),
);

async function main() {
  if (!process.env.TEST_DATABASE_URL)
    throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server");
  const apart = args.sandbox !== "in-process";
  const sandbox = apart ? await startSandboxProcess() : undefined;
  const t = await createTestApp("postgres", sandbox ? { env: sandbox.env } : {});
  await sandbox?.start(`${t.url}/webhooks/messenger`);
  const admin: SandboxAdminCalls = sandbox?.admin ?? t.runtime.sandbox!.admin;
  const browser = new TestBrowser(t.app);
  const { accountId } = await browser.signUp("Send bench");
  const { user, pages } = await admin.addUser({
    name: "Bench owner",
    pages: Array.from({ length: PROFILES }, (_, i) => ({
      name: `Bench page ${i}`,
      role: "Admin" as const,
    })),
  });
  const profiles: { id: string; pageId: string; psids: string[] }[] = [];
  for (const page of pages) {
    const { loginId } = await sandboxLogin(browser, { userId: user.id });
    const res = await browser.request("POST", "/api/messenger/profiles", {
      name: `P ${page.id}`,
      loginId,
      pageId: page.id,
      status: "enabled",
    });
    const profile = (await res.json()) as { id: string };
    const psids: string[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const person = await admin.addPerson({ firstName: "B", lastName: `${i}` });
      psids.push((await admin.optIn({ personId: person.id, pageId: page.id, ref: null })).psid);
    }
    profiles.push({ id: profile.id, pageId: page.id, psids });
  }
  await admin.settle();
  const [contact] = rowsOf<{ id: string }>(
    await t.db.execute(
      sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'bench@example.com') returning id`,
    ),
  );

  const enqueue = async (count: number, onProfiles: typeof profiles, offset: number) => {
    const rows = Array.from({ length: count }, (_, i) => {
      const p = onProfiles[i % onProfiles.length]!;
      return { profile_id: p.id, psid: p.psids[i % p.psids.length]!, visit: offset + i };
    });
    await t.db.execute(sql`
      insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id, psid,
        messaging_type, tag, text, status, day)
      select ${accountId}::uuid, r.profile_id, 'bench', 0, r.visit, ${contact!.id}::uuid, r.psid,
        'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Your order shipped', 'queued', current_date
      from ${unnestRows(rows, "r", {
        profile_id: ["uuid", (r) => r.profile_id],
        psid: ["text", (r) => r.psid],
        visit: ["int", (r) => r.visit],
      })}`);
  };
  const drain = async (rate: number, batchSize: number) => {
    const deps = { ...t.runtime.deps, defaultRatePerSecond: rate, concurrency: 64, batchSize };
    // Turns with the default claim, each sent while the one before is recorded, as the
    // engine's sender loop runs them.
    const sending = new SenderPipeline();
    while ((await sending.turn(deps)) > 0) {}
  };
  /** Sends `count` messages (visits from `offset`) with pacing off; prints sends/s and CPU. */
  const measureUnpaced = async (count: number, offset: number, batchSize: number) => {
    await enqueue(count, profiles, offset);
    const cpu0 = process.cpuUsage();
    const sandboxCpu0 = sandbox ? cpuSecondsOf(sandbox.pid) : 0;
    const postgresCpu0 = postgresCpuSeconds();
    const t0 = performance.now();
    await drain(0, batchSize);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const sandboxCpu = sandbox ? cpuSecondsOf(sandbox.pid) - sandboxCpu0 : 0;
    const postgresCpu = postgresCpuSeconds() - postgresCpu0;
    const [sent] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from messenger_messages
        where visit >= ${offset} and visit < ${offset + count} and status in ('sent', 'delivered')`),
    );
    const rate = sent!.n / seconds;
    console.log(
      `Unpaced, ${batchSize === 1 ? "one message per call" : `Graph batches of up to ${batchSize}`}: ${sent!.n.toLocaleString()} messages to ${PROFILES} pages in ${seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString()} sends/s`,
    );
    const perSend = (cpuSeconds: number) => `${((cpuSeconds * 1e6) / sent!.n).toFixed(0)} µs`;
    console.log(
      `  CPU per send: Waymark ${apart ? "" : "+ in-process sandbox "}${perSend((cpu.user + cpu.system) / 1e6)}` +
        (apart ? `, sandbox process ${perSend(sandboxCpu)}` : "") +
        `, PostgreSQL ${perSend(postgresCpu)}`,
    );
    return rate;
  };

  // 1. Unpaced, then the baseline: the same sender making one Send API call per message.
  const rate = await measureUnpaced(MESSAGES, 0, BATCH_SIZE);
  if (BASELINE_MESSAGES > 0 && BATCH_SIZE > 1) {
    const baseline = await measureUnpaced(BASELINE_MESSAGES, MESSAGES, 1);
    console.log(`  Graph batches: ${(rate / baseline).toFixed(1)}× the one-call-per-message rate`);
  }
  const pacedFrom = MESSAGES + BASELINE_MESSAGES;

  // 2. Paced at RATE per page.
  const paced = profiles.slice(0, PACED_PROFILES);
  await t.db.execute(
    sql`update messenger_profiles set send_rate_per_second = ${RATE} where id in (select (jsonb_array_elements_text(${JSON.stringify(paced.map((p) => p.id))}::jsonb))::uuid)`,
  );
  await enqueue(RATE * PACED_SECONDS * PACED_PROFILES, paced, pacedFrom);
  const p0 = performance.now();
  await drain(RATE, BATCH_SIZE);
  const pacedSeconds = (performance.now() - p0) / 1000;
  const perSecond = rowsOf<{ profile_id: string; second: string; n: number }>(
    await t.db.execute(sql`select profile_id, date_trunc('second', sent_at)::text as second, count(*)::int as n
      from messenger_messages where visit >= ${pacedFrom} group by 1, 2`),
  );
  const busiest = Math.max(...perSecond.map((r) => r.n));
  const achieved = (RATE * PACED_SECONDS) / pacedSeconds;
  // The rate Facebook saw: each page's sends over the span of their own send times.
  const spans = rowsOf<{ n: number; seconds: number }>(
    await t.db.execute(sql`select count(*)::int as n,
        extract(epoch from max(sent_at) - min(sent_at))::float8 as seconds
      from messenger_messages where visit >= ${pacedFrom} group by profile_id`),
  );
  const sendRate = Math.min(...spans.map((s) => (s.n - 1) / s.seconds));
  console.log(
    `Paced at ${RATE}/s on ${PACED_PROFILES} pages: ${(RATE * PACED_SECONDS * PACED_PROFILES).toLocaleString()} messages in ${pacedSeconds.toFixed(1)} s`,
  );
  console.log(
    `  achieved ${sendRate.toFixed(0)}/s on the slowest page from its first to its last send ` +
      `(${(sendRate / RATE).toFixed(3)}× the configured rate; ${achieved.toFixed(0)}/s counting ` +
      `claiming and recording around them), busiest calendar second ${busiest} (cap ${RATE})`,
  );
  await t.close();
  await sandbox?.stop();
}

/** What the benchmark asks of the sandbox: its admin API, in-process or over HTTP. */
interface SandboxAdminCalls {
  addUser(input: {
    name: string;
    pages: { name: string; role: "Admin" }[];
  }): Promise<{ user: { id: string }; pages: { id: string }[] }>;
  addPerson(input: { firstName: string; lastName: string }): Promise<{ id: string }>;
  optIn(input: { personId: string; pageId: string; ref: null }): Promise<{ psid: string }>;
  settle(): Promise<unknown>;
}

/** The sandbox as its own process on a scratch PostgreSQL database, and Waymark's settings for it. */
async function startSandboxProcess() {
  const database = await openTestDatabase("postgres", [sandboxMigrations]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secret = "send-bench-app-secret";
  let child: ChildProcess | undefined;
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${url}/_admin${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const admin: SandboxAdminCalls = {
    addUser: (input) => call("/users", input),
    addPerson: (input) => call("/people", input),
    optIn: ({ personId, ...input }) => call(`/people/${personId}/opt-in`, input),
    settle: () => call("/settle", {}),
  };
  return {
    admin,
    env: {
      FACEBOOK_APP_ID: "990000000000077",
      FACEBOOK_APP_SECRET: secret,
      FACEBOOK_VERIFY_TOKEN: "send-bench-verify",
      GRAPH_API_URL: url,
      FACEBOOK_DIALOG_URL: url,
    },
    get pid() {
      return child?.pid ?? 0;
    },
    async start(webhookUrl: string) {
      child = spawn(process.execPath, [...process.execArgv, SANDBOX_MAIN], {
        env: {
          ...process.env,
          PORT: String(port),
          PUBLIC_URL: url,
          DATABASE_URL: database.url,
          SANDBOX_APP_ID: "990000000000077",
          SANDBOX_APP_SECRET: secret,
          SANDBOX_VERIFY_TOKEN: "send-bench-verify",
          WEBHOOK_URL: webhookUrl,
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      for await (const line of createInterface({ input: child.stdout! })) {
        if (line.includes("Facebook sandbox on")) break;
      }
      child.stdout!.resume();
    },
    async stop() {
      child?.kill();
      if (child) await once(child, "exit");
      await database.close();
    },
  };
}

runBench(main);
