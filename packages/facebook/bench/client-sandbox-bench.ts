/**
 * Waymark's Facebook client against the Facebook sandbox over real HTTP: sends per second and
 * CPU per send, with the transport Waymark uses (`keepAliveGraphFetch`: undici.request on a
 * keep-alive Agent, as apps/server/src/runtime.ts builds it) compared in the same run with a
 * baseline that opens a new connection per request, and with `fetch` on a keep-alive Agent;
 * and Waymark's Graph batch sends (`sendMessages`, up to 50 messages of one Page per call).
 *
 * The sandbox runs in a child process (in-memory PGlite, or with `--postgres` a scratch
 * database on TEST_DATABASE_URL's server; 20 subscribed Pages × 50 opted-in
 * people, its webhooks going to a receiver in that same child), so this process does nothing
 * but send: its CPU time is the client's.
 *
 * Usage: npx tsx packages/facebook/bench/client-sandbox-bench.ts [seconds=5] [concurrency=64] [rounds=1] [--only=<mode name part>] [--postgres] [--batch=50] [--batch-concurrency=8]
 * (batch modes keep `--batch-concurrency` calls of `--batch` messages in flight instead of `concurrency` single sends)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { Agent, fetch as undiciFetch } from "undici";
import {
  createFacebookClient,
  type FacebookClient,
  type GraphFetch,
  keepAliveGraphFetch,
  type SendMessageRequest,
  type SendResult,
} from "../src/index";

const APP_ID = "1000000000000077";
const APP_SECRET = "client-bench-secret";
const PAGES = 20;
const PEOPLE_PER_PAGE = 50;

interface Target {
  pageToken: string;
  psid: string;
}

interface ChildReport {
  cpuSeconds: number;
  connections: number;
  webhookPosts: number;
}

if (process.argv.includes("--serve")) await serveSandbox();
else {
  const numbers = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const [seconds, concurrency, rounds] = [5, 64, 1].map((d, i) => Number(numbers[i] ?? d));
  const option = (name: string) =>
    process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const batch = {
    size: Number(option("batch") ?? 50),
    concurrency: Number(option("batch-concurrency") ?? 8),
  };
  await runBench(seconds!, concurrency!, rounds!, batch, option("only"));
}

async function serveSandbox() {
  const { serve } = await import("@hono/node-server");
  const { openTestDatabase } = await import("@waymark/db/testing");
  const { createFacebookSandbox, sandboxMigrations, seedBenchPages } = await import(
    "@waymark/facebook-sandbox"
  );

  let webhookPosts = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      webhookPosts++;
      res.end("EVENT_RECEIVED");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));

  const handle = await openTestDatabase(
    process.argv.includes("--postgres") ? "postgres" : "pglite",
    [sandboxMigrations],
  );
  let connections = 0;
  const server = serve({ fetch: (req) => sandbox.app.fetch(req), port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  server.on("connection", () => connections++);
  const port = (server.address() as AddressInfo).port;
  const sandbox = createFacebookSandbox({
    db: handle.db,
    appId: APP_ID,
    appSecret: APP_SECRET,
    verifyToken: "bench",
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`,
    publicUrl: `http://127.0.0.1:${port}`,
    seed: false,
  });
  await sandbox.start();
  const pages = await seedBenchPages(sandbox.admin, {
    pages: PAGES,
    peoplePerPage: PEOPLE_PER_PAGE,
    fields: [
      "messages",
      "messaging_optins",
      "message_echoes",
      "message_deliveries",
      "message_reads",
    ],
  });
  const targets: Target[] = pages.flatMap(({ pageToken, psids }) =>
    psids.map((psid) => ({ pageToken, psid })),
  );
  process.on("SIGTERM", async () => {
    await sandbox.stop();
    await handle.close();
    process.exit(0);
  });
  process.on("message", () => {
    const { user, system } = process.cpuUsage();
    const report: ChildReport = { cpuSeconds: (user + system) / 1e6, connections, webhookPosts };
    process.send?.(report);
  });
  process.stdout.write(`${JSON.stringify({ baseUrl: `http://127.0.0.1:${port}`, targets })}\n`);
}

interface Mode {
  name: string;
  fetch: GraphFetch;
  /** Messages per `sendMessages` call; absent: one `sendMessage` per message. */
  batch?: number;
  close(): Promise<void>;
}

/** How a mode's senders keep work in flight. */
interface BatchSettings {
  size: number;
  concurrency: number;
}

function modes(concurrency: number, batch: BatchSettings): Mode[] {
  const keepAlive = new Agent({ keepAliveTimeout: 30_000, connections: concurrency });
  const batchKeepAlive = new Agent({ keepAliveTimeout: 30_000, connections: concurrency });
  const fetchKeepAlive = new Agent({ keepAliveTimeout: 30_000, connections: concurrency });
  // undici: "pipelining: 0 disables keep-alive connections" — a new connection per request.
  const noKeepAlive = new Agent({ pipelining: 0 });
  const via =
    (dispatcher: Agent): GraphFetch =>
    (url, init) =>
      undiciFetch(url, { ...init, dispatcher });
  return [
    {
      name: "Waymark: keepAliveGraphFetch (undici.request, keep-alive)",
      fetch: keepAliveGraphFetch(keepAlive),
      close: () => keepAlive.close(),
    },
    {
      name: `Waymark: sendMessages, Graph batches of ${batch.size} (keepAliveGraphFetch)`,
      fetch: keepAliveGraphFetch(batchKeepAlive),
      batch: batch.size,
      close: () => batchKeepAlive.close(),
    },
    {
      name: "baseline: fetch without keep-alive",
      fetch: via(noKeepAlive),
      close: () => noKeepAlive.close(),
    },
    {
      name: "undici fetch, keep-alive Agent",
      fetch: via(fetchKeepAlive),
      close: () => fetchKeepAlive.close(),
    },
  ];
}

async function runBench(
  seconds: number,
  concurrency: number,
  rounds: number,
  batch: BatchSettings,
  only?: string,
) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      import.meta.filename,
      "--serve",
      ...process.argv.filter((arg) => arg === "--postgres"),
    ],
    {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  const onPostgres = process.argv.includes("--postgres");
  try {
    const { baseUrl, targets } = await readReady(child);
    console.log(
      `client → sandbox Send API, ${seconds} s per mode, ${concurrency} concurrent senders ` +
        `(${batch.concurrency} for batches), ` +
        `${targets.length} recipients on ${PAGES} Pages, sandbox on ${onPostgres ? "PostgreSQL" : "PGlite"} ` +
        `(Node ${process.version})`,
    );
    // Warms the sandbox and the client's code paths (JIT) before anything is measured.
    const warmUp = createFacebookClient({
      graphApiUrl: baseUrl,
      dialogUrl: baseUrl,
      version: "v25.0",
      appId: APP_ID,
      appSecret: APP_SECRET,
      fetch: (input, init) => globalThis.fetch(input, init),
      timeoutMs: 15_000,
    });
    await sendFor(warmUp, targets, concurrency, 3000);
    await sendFor(warmUp, targets, batch.concurrency, 1000, batch.size);
    const results = [];
    for (let round = 1; round <= rounds; round++) {
      for (const mode of modes(concurrency, batch)) {
        if (only !== undefined && !mode.name.includes(only)) {
          await mode.close();
          continue;
        }
        const client = createFacebookClient({
          graphApiUrl: baseUrl,
          dialogUrl: baseUrl,
          version: "v25.0",
          appId: APP_ID,
          appSecret: APP_SECRET,
          fetch: mode.fetch,
          timeoutMs: 15_000,
        });
        const senders = mode.batch === undefined ? concurrency : batch.concurrency;
        await sendFor(client, targets, senders, 1000, mode.batch); // warm-up
        const childBefore = await childReport(child);
        const postgresBefore = postgresCpuSeconds();
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const { ok, failed, errors } = await sendFor(
          client,
          targets,
          senders,
          seconds * 1000,
          mode.batch,
        );
        const elapsed = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const childAfter = await childReport(child);
        const postgresSeconds = postgresCpuSeconds() - postgresBefore;
        await mode.close();
        const clientCpuSeconds = (cpu.user + cpu.system) / 1e6;
        const sandboxCpuSeconds = childAfter.cpuSeconds - childBefore.cpuSeconds;
        const row = {
          mode: rounds > 1 ? `${round}: ${mode.name}` : mode.name,
          "sends/s": Math.round(ok / elapsed),
          accepted: ok,
          failed,
          "client µs CPU/send": Math.round((clientCpuSeconds * 1e6) / Math.max(ok, 1)),
          "sandbox µs CPU/send": Math.round((sandboxCpuSeconds * 1e6) / Math.max(ok, 1)),
          ...(onPostgres
            ? { "PostgreSQL µs CPU/send": Math.round((postgresSeconds * 1e6) / Math.max(ok, 1)) }
            : {}),
          "HTTP calls/s": Math.round((ok + failed) / (mode.batch ?? 1) / elapsed),
          "connections opened": childAfter.connections - childBefore.connections,
          "webhook POSTs": childAfter.webhookPosts - childBefore.webhookPosts,
        };
        results.push(row);
        if (errors.size > 0) console.log(`${mode.name}: errors`, Object.fromEntries(errors));
      }
    }
    console.table(results);
    const keepAlive = results.find((r) => r.mode.includes("keepAliveGraphFetch (undici"));
    const baseline = results.find((r) => r.mode.includes("baseline"));
    const batched = results.find((r) => r.mode.includes("Graph batches"));
    if (keepAlive && baseline) {
      console.log(
        `keep-alive vs baseline: ${(keepAlive["sends/s"] / Math.max(baseline["sends/s"], 1)).toFixed(2)}× the sends/s, ` +
          `${(keepAlive["client µs CPU/send"] / Math.max(baseline["client µs CPU/send"], 1)).toFixed(2)}× the client CPU per send; ` +
          `client alone could do ~${Math.round(1e6 / Math.max(keepAlive["client µs CPU/send"], 1))} sends per CPU-second with keep-alive`,
      );
    }
    if (keepAlive && batched) {
      console.log(
        `batches vs single sends (keep-alive): ${(batched["sends/s"] / Math.max(keepAlive["sends/s"], 1)).toFixed(2)}× the sends/s, ` +
          `${(batched["client µs CPU/send"] / Math.max(keepAlive["client µs CPU/send"], 1)).toFixed(2)}× the client CPU and ` +
          `${(batched["sandbox µs CPU/send"] / Math.max(keepAlive["sandbox µs CPU/send"], 1)).toFixed(2)}× the sandbox CPU per send`,
      );
    }
  } finally {
    child.kill();
    await once(child, "exit");
  }
}

async function sendFor(
  client: FacebookClient,
  targets: Target[],
  concurrency: number,
  ms: number,
  batch?: number,
): Promise<{ ok: number; failed: number; errors: Map<string, number> }> {
  const until = performance.now() + ms;
  let ok = 0;
  let failed = 0;
  let next = 0;
  const errors = new Map<string, number>();
  const count = (sent: SendResult) => {
    if (sent.ok) ok++;
    else {
      failed++;
      const key = `${sent.error.classification}: ${sent.error.message.slice(0, 80)}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  };
  const request = (i: number): SendMessageRequest => ({
    psid: targets[i % targets.length]!.psid,
    text: `Bench message ${i}`,
    messagingType: "UPDATE",
    metadata: `bench:${i}`,
  });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        if (batch === undefined) {
          const i = next++;
          const { pageToken } = targets[i % targets.length]!;
          count(await client.sendMessage({ pageToken, ...request(i) }));
          continue;
        }
        // Consecutive targets are one Page's people, each once: a batch is one Page's.
        const start = next;
        next += batch;
        const pageToken = targets[start % targets.length]!.pageToken;
        const requests = Array.from({ length: batch }, (_, j) => request(start + j)).filter(
          (_, j) => targets[(start + j) % targets.length]!.pageToken === pageToken,
        );
        for (const sent of await client.sendMessages(pageToken, requests)) count(sent);
      }
    }),
  );
  return { ok, failed, errors };
}

function childReport(child: ChildProcess): Promise<ChildReport> {
  return new Promise((resolve) => {
    child.once("message", (report) => resolve(report as ChildReport));
    child.send("report");
  });
}

async function readReady(child: ChildProcess): Promise<{ baseUrl: string; targets: Target[] }> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith("{")) return JSON.parse(line) as { baseUrl: string; targets: Target[] };
  }
  throw new Error("the sandbox process ended before it was ready");
}

/** CPU seconds used so far by every `postgres` process on this machine (Linux /proc). */
function postgresCpuSeconds(): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (name !== "postgres") continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / ticksPerSecond;
}
