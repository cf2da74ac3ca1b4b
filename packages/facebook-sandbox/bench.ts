/**
 * Send API throughput over keep-alive HTTP: starts the sandbox in a child process
 * (in-memory PGlite), a webhook receiver here, and sends for a fixed time.
 * Usage: npx tsx bench.ts [seconds=5] [concurrency=64]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";

interface Target {
  token: string;
  proof: string;
  psid: string;
}

const PAGES = 20;
const PEOPLE_PER_PAGE = 50;

if (process.argv.includes("--serve")) await serveSandbox();
else await runBench(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 64));

async function serveSandbox() {
  const { serve } = await import("@hono/node-server");
  const { migrateDatabase, openDatabase } = await import("@waymark/db");
  const { createFacebookSandbox, sandboxMigrations, appSecretProof, seedBenchPages } = await import(
    "./src/index"
  );
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle, [sandboxMigrations]);
  const server = serve({ fetch: (req) => sandbox.app.fetch(req), port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  const sandbox = createFacebookSandbox({
    db: handle.db,
    appId: "1000000000000001",
    appSecret: "bench-secret",
    verifyToken: "bench",
    webhookUrl: process.env.BENCH_WEBHOOK_URL ?? "http://127.0.0.1:9/none",
    publicUrl: `http://127.0.0.1:${port}`,
    seed: false,
  });
  await sandbox.start();
  const pages = await seedBenchPages(sandbox.admin, {
    pages: PAGES,
    peoplePerPage: PEOPLE_PER_PAGE,
    fields: ["messages", "message_echoes", "message_deliveries", "message_reads"],
  });
  const targets: Target[] = pages.flatMap(({ pageToken: token, psids }) =>
    psids.map((psid) => ({ token, proof: appSecretProof("bench-secret", token), psid })),
  );
  process.on("SIGTERM", () => process.exit(0));
  process.on("message", () => process.send?.(process.cpuUsage()));
  process.stdout.write(`${JSON.stringify({ port, targets })}\n`);
}

async function runBench(seconds: number, concurrency: number) {
  let webhookPosts = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      webhookPosts++;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
      import.meta.filename,
      "--serve",
    ],
    {
      env: { ...process.env, BENCH_WEBHOOK_URL: webhookUrl },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  try {
    const { port, targets } = await readReady(child);
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const send = (i: number) =>
      new Promise<number>((resolve, reject) => {
        const t = targets[i % targets.length]!;
        const body = JSON.stringify({
          recipient: { id: t.psid },
          messaging_type: "UPDATE",
          message: { text: `Bench message ${i}` },
        });
        const req = request(
          {
            host: "127.0.0.1",
            port,
            agent,
            method: "POST",
            path: `/v25.0/me/messages?access_token=${t.token}&appsecret_proof=${t.proof}`,
            headers: {
              "Content-Type": "application/json",
              "Content-Length": Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const run = async (ms: number) => {
      const until = Date.now() + ms;
      let ok = 0;
      let failed = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < until) {
            if ((await send(next++)) === 200) ok++;
            else failed++;
          }
        }),
      );
      return { ok, failed };
    };
    await run(1000);
    const cpuBefore = await serverCpu(child);
    const started = Date.now();
    const { ok, failed } = await run(seconds * 1000);
    const elapsed = (Date.now() - started) / 1000;
    const cpuSeconds = (await serverCpu(child)) - cpuBefore;
    console.log(
      `${Math.round(ok / elapsed)} sends/s (${ok} accepted, ${failed} refused in ${elapsed.toFixed(1)} s, concurrency ${concurrency}); ${webhookPosts} webhook POSTs received`,
    );
    console.log(
      `sandbox process: ${cpuSeconds.toFixed(2)} CPU s, ${Math.round((cpuSeconds * 1e6) / ok)} µs per send, so ${Math.round(ok / cpuSeconds)} sends per CPU-second`,
    );
    agent.destroy();
  } finally {
    child.kill();
    receiver.close();
  }
}

/** The sandbox process's CPU time (user + system) in seconds. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (usage) => {
      const { user, system } = usage as NodeJS.CpuUsage;
      resolve((user + system) / 1e6);
    });
    child.send("cpu");
  });
}

async function readReady(child: ChildProcess): Promise<{ port: number; targets: Target[] }> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith("{")) return JSON.parse(line) as { port: number; targets: Target[] };
  }
  throw new Error("the sandbox process ended before it was ready");
}
