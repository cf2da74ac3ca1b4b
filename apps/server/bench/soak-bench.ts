/**
 * Soak benchmark (issue 15.4): one Waymark process (web server and engine, as `npm start`
 * runs on PostgreSQL) runs for `--minutes` while a driver keeps creating and deleting
 * profiles and programs through the HTTP API, each cycle: a profile on one of 8 sandbox Pages
 * (Login dialog), a list of `--contacts` new contacts opted in on it, a program Start(list) →
 * Messenger → End activated until every contact is sent its message, then deactivated and
 * deleted with its profile, contacts and list. `--parallel` cycles run at once. The process's
 * RSS (/proc VmRSS) is sampled every 10 s; after a warm-up (a sixth of the run, at most
 * 5 minutes) the first 10 minutes' average is compared with the last 10 minutes' (when
 * less than 20 minutes follow the warm-up: the first and last thirds of them). Passes
 * when the last is within 10% of the first; ends with one JSON line, non-zero on failure.
 *
 *   npm run bench:soak -- [--minutes 30] [--contacts 10] [--parallel 2] [--entry dist|source]
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { rowsOf } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { sql } from "drizzle-orm";
import { sandboxLogin } from "../src/testing/sandbox-login";
import { freePort, TEST_ORIGIN, TestBrowser } from "../src/testing/test-app";
import { messengerProgram } from "../src/testing/test-programs";
import { peakRssMiB, rssMiB, startNodeProcess } from "./bench-process";
import { MESSAGE, sandboxAdmin, startSandbox, waymarkEnv } from "./e2e-setup";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    contacts: { type: "string", default: "10" },
    parallel: { type: "string", default: "2" },
    entry: { type: "string", default: "dist" },
  },
});
const MINUTES = Number(args.minutes);
const CONTACTS = Number(args.contacts);
const PARALLEL = Number(args.parallel);
const PAGES = 8;
const SAMPLE_MS = 10_000;

async function main() {
  if (!process.env.TEST_DATABASE_URL)
    throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server");
  if (!(MINUTES > 0)) throw new Error("--minutes must be more than 0");
  const entry =
    args.entry === "source"
      ? fileURLToPath(new URL("../src/main.ts", import.meta.url))
      : fileURLToPath(new URL("../dist/main.js", import.meta.url));
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: build first, or pass --entry source`);
  const waymarkDb = await openTestDatabase("postgres", []);
  const sandboxDb = await openTestDatabase("postgres", [sandboxMigrations]);
  const port = await freePort();
  const sandbox = startSandbox({
    databaseUrl: sandboxDb.url!,
    port: await freePort(),
    webhookUrl: `http://127.0.0.1:${port}/webhooks/messenger`,
  });
  const env = waymarkEnv({
    port,
    sandboxUrl: sandbox.url,
    rate: 50,
    database: { url: waymarkDb.url! },
    engine: true,
  });
  const server = startNodeProcess("server", entry, env);
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  try {
    await Promise.all([sandbox.ready, server.waitFor(/Waymark is running/, 120_000)]);
    const browser = new TestBrowser({
      request: (input, init) =>
        fetch(String(input).replace(TEST_ORIGIN, `http://127.0.0.1:${port}`), {
          ...init,
          redirect: "manual",
        }),
    });
    // A 5xx is counted, reported and retried (up to 3 times) so one does not end the soak.
    const serverErrors: string[] = [];
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      attempt = 1,
    ): Promise<Record<string, unknown>> => {
      const res = await browser.request(method, path, body);
      if (res.status >= 500 && attempt <= 3) {
        serverErrors.push(`${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")}: ${res.status}`);
        log(`${serverErrors.at(-1)} (${await res.text()}); retrying`);
        await new Promise((r) => setTimeout(r, 1000));
        return call(method, path, body, attempt + 1);
      }
      if (res.status >= 300)
        throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
    };
    await browser.signUp("Soak");
    const { user, pages } = await sandboxAdmin<{ user: { id: string }; pages: { id: string }[] }>(
      sandbox.url,
      "/users",
      {
        name: "Soak owner",
        pages: Array.from({ length: PAGES }, (_, i) => ({
          name: `Soak page ${i + 1}`,
          role: "Admin",
        })),
      },
    );

    /** One cycle on one Page: everything it creates is deleted again at its end. */
    const cycle = async (n: number) => {
      const pageId = pages[n % PAGES]!.id;
      const { loginId } = await sandboxLogin(browser, { userId: user.id });
      const profile = await call("POST", "/api/messenger/profiles", {
        name: `Soak ${n}`,
        loginId,
        pageId,
        status: "enabled",
      });
      const profileId = profile.id as string;
      const list = await call("POST", "/api/lists", { name: `Soak list ${n}` });
      const contactIds: string[] = [];
      for (let i = 0; i < CONTACTS; i++) {
        const contact = await call("POST", "/api/contacts", {
          email: `soak-${n}-${i}@example.com`,
          values: { FIRSTNAME: `Ann${n}x${i}` },
        });
        contactIds.push(contact.id as string);
      }
      await call("POST", `/api/lists/${list.id}/members`, { contactIds });
      // Each contact opts in on the sandbox through their personal link's ref, and Waymark's
      // opt-in handling links them (a bare opt-in would make an anonymous subscriber instead).
      for (const [i, contactId] of contactIds.entries()) {
        const person = await sandboxAdmin<{ id: string }>(sandbox.url, "/people", {
          firstName: "Ann",
          lastName: `${n}-${i}`,
        });
        const link = await call(
          "GET",
          `/api/messenger/profiles/${profileId}/opt-in-links/${contactId}`,
        );
        await sandboxAdmin(sandbox.url, `/people/${person.id}/opt-in`, { pageId, ref: link.ref });
      }
      const linkedBy = Date.now() + 60_000;
      while ((await linkedOn(profileId)) < CONTACTS) {
        if (Date.now() > linkedBy) throw new Error(`cycle ${n}: opt-ins not recorded in 60 s`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const program = await call("POST", "/api/programs", {
        name: `Soak program ${n}`,
        document: messengerProgram({ profileId, listId: list.id as string, text: MESSAGE }),
      });
      await call("POST", `/api/programs/${program.id}/activate`, {});
      const deadline = Date.now() + 120_000;
      while ((await sentOn(profileId)) < CONTACTS) {
        if (Date.now() > deadline) throw new Error(`cycle ${n}: messages not sent in 120 s`);
        await new Promise((r) => setTimeout(r, 500));
      }
      await call("POST", `/api/programs/${program.id}/deactivate`, {});
      await call("DELETE", `/api/programs/${program.id}`);
      await call("POST", "/api/messenger/profiles/delete", { ids: [profileId] });
      for (const id of contactIds) await call("DELETE", `/api/contacts/${id}`);
      await call("DELETE", `/api/lists/${list.id}`);
    };
    const linkedOn = async (profileId: string) =>
      rowsOf<{ n: number }>(
        await waymarkDb.db.execute(sql`select count(*)::int as n from messenger_contacts
          where profile_id = ${profileId}::uuid and origin = 'ref'`),
      )[0]!.n;
    const sentOn = async (profileId: string) =>
      rowsOf<{ n: number }>(
        await waymarkDb.db.execute(sql`select count(*)::int as n from messenger_messages
          where profile_id = ${profileId}::uuid and status in ('sent', 'delivered', 'read')`),
      )[0]!.n;

    const endAt = Date.now() + MINUTES * 60_000;
    const samples: { at: number; mib: number }[] = [];
    const startedAt = Date.now();
    const sampler = setInterval(() => {
      samples.push({ at: Date.now() - startedAt, mib: rssMiB(server.pid) });
      const last = samples.at(-1)!;
      if (samples.length % 6 === 0) log(`RSS ${last.mib.toFixed(1)} MiB, ${cycles} cycles`);
    }, SAMPLE_MS);
    let cycles = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (Date.now() < endAt) {
          if (server.exited()) throw new Error(`the server exited:\n${server.output()}`);
          await cycle(next++);
          cycles++;
        }
      }),
    );
    clearInterval(sampler);
    const peak = peakRssMiB(server.pid);

    const verdict = judge(samples, MINUTES * 60_000);
    console.log(
      `RSS after a ${(verdict.warmupMs / 1000).toFixed(0)} s warm-up: first window ${verdict.firstMiB.toFixed(1)} MiB, ` +
        `last window ${verdict.lastMiB.toFixed(1)} MiB (${Math.round(verdict.windowMs / 1000)} s each, ${samples.length} samples every 10 s); ` +
        `${cycles} cycles of ${CONTACTS} contacts, peak ${peak.toFixed(1)} MiB`,
    );
    if (serverErrors.length > 0) {
      console.log(
        `${serverErrors.length} answers 5xx, each retried: ${[...new Set(serverErrors)].join("; ")}`,
      );
    }
    console.log(
      `${verdict.pass ? "PASS" : "FAIL"}: last window ${(verdict.change * 100).toFixed(1)}% of the first (limit +10%)`,
    );
    console.log(
      JSON.stringify({
        minutes: MINUTES,
        cycles,
        contactsPerCycle: CONTACTS,
        samples: samples.length,
        warmupSeconds: verdict.warmupMs / 1000,
        windowSeconds: Math.round(verdict.windowMs / 1000),
        firstMiB: round(verdict.firstMiB),
        lastMiB: round(verdict.lastMiB),
        change: Number(verdict.change.toFixed(3)),
        peakRssMiB: round(peak),
        serverErrors: serverErrors.length,
        pass: verdict.pass,
      }),
    );
    if (!verdict.pass) throw new Error("RSS grew more than 10% from the first window to the last");
  } catch (error) {
    console.error(`--- the server's output (last 64 kB)\n${server.output()}`);
    throw error;
  } finally {
    await server.stop();
    await sandbox.proc.stop();
    await waymarkDb.close();
    await sandboxDb.close();
  }
}

/** First and last windows after the warm-up, and whether the last is within 10% of the first. */
function judge(samples: { at: number; mib: number }[], runMs: number) {
  const warmupMs = Math.min(5 * 60_000, runMs / 6);
  const rest = runMs - warmupMs;
  const windowMs = rest >= 20 * 60_000 ? 10 * 60_000 : rest / 3;
  const mean = (from: number, to: number) => {
    const inside = samples.filter((s) => s.at > from && s.at <= to).map((s) => s.mib);
    return inside.reduce((a, b) => a + b, 0) / Math.max(inside.length, 1);
  };
  const end = samples.at(-1)?.at ?? runMs;
  const firstMiB = mean(warmupMs, warmupMs + windowMs);
  const lastMiB = mean(end - windowMs, end);
  const change = lastMiB / firstMiB - 1;
  return { warmupMs, windowMs, firstMiB, lastMiB, change, pass: change <= 0.1 };
}

const round = (x: number) => Math.round(x * 10) / 10;

runBench(main);
