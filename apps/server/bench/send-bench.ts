/**
 * Messenger sending benchmark (issue 7): Waymark's sender against the Facebook sandbox over
 * real HTTP with keep-alive, on PostgreSQL.
 *   1. pacing off, messages spread over `--profiles` pages: sends/s and CPU per send;
 *   2. pacing at `--rate`/s per page: the achieved rate per page and the busiest second.
 * The sandbox runs in the same process, so CPU per send includes both sides.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/send-bench.ts [--profiles 20] [--messages 20000] [--rate 300] [--paced-seconds 10]
 */
import { parseArgs } from "node:util";
import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { runSenderBatch } from "../src/engine/run-sender-batch";
import { sandboxLogin } from "../src/testing/sandbox-login";
import { createTestApp, TestBrowser } from "../src/testing/test-app";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    profiles: { type: "string", default: "20" },
    messages: { type: "string", default: "20000" },
    rate: { type: "string", default: "300" },
    "paced-profiles": { type: "string", default: "4" },
    "paced-seconds": { type: "string", default: "10" },
    "people-per-page": { type: "string", default: "50" },
  },
});
const PROFILES = Number(args.profiles);
const MESSAGES = Number(args.messages);
const RATE = Number(args.rate);
const PACED_PROFILES = Math.min(PROFILES, Number(args["paced-profiles"]));
const PACED_SECONDS = Number(args["paced-seconds"]);
const PEOPLE = Number(args["people-per-page"]);

async function main() {
  if (!process.env.TEST_DATABASE_URL)
    throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server");
  const t = await createTestApp("postgres");
  const admin = t.runtime.sandbox!.admin;
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
    const { loginId } = await sandboxLogin(t, browser, { userId: user.id });
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
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(profile_id uuid, psid text, visit int)`);
  };
  const drain = async (rate: number) => {
    const deps = { ...t.runtime.deps, defaultRatePerSecond: rate, concurrency: 64 };
    const workers = Array.from({ length: 2 }, async () => {
      while ((await runSenderBatch(deps, 1_000)) > 0) {}
    });
    await Promise.all(workers);
  };

  // 1. Unpaced.
  await enqueue(MESSAGES, profiles, 0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await drain(0);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const [sent] = rowsOf<{ n: number }>(
    await t.db.execute(
      sql`select count(*)::int as n from messenger_messages where status = 'sent' or status = 'delivered'`,
    ),
  );
  console.log(
    `Unpaced: ${sent!.n.toLocaleString()} messages to ${PROFILES} pages in ${seconds.toFixed(1)} s = ${Math.round(sent!.n / seconds).toLocaleString()} sends/s`,
  );
  console.log(
    `  CPU per send (Waymark + in-process sandbox): ${((cpu.user + cpu.system) / sent!.n).toFixed(0)} µs`,
  );

  // 2. Paced at RATE per page.
  const paced = profiles.slice(0, PACED_PROFILES);
  await t.db.execute(
    sql`update messenger_profiles set send_rate_per_second = ${RATE} where id in (select (jsonb_array_elements_text(${JSON.stringify(paced.map((p) => p.id))}::jsonb))::uuid)`,
  );
  await enqueue(RATE * PACED_SECONDS * PACED_PROFILES, paced, MESSAGES);
  const p0 = performance.now();
  await drain(RATE);
  const pacedSeconds = (performance.now() - p0) / 1000;
  const perSecond = rowsOf<{ profile_id: string; second: string; n: number }>(
    await t.db.execute(sql`select profile_id, date_trunc('second', sent_at)::text as second, count(*)::int as n
      from messenger_messages where visit >= ${MESSAGES} group by 1, 2`),
  );
  const busiest = Math.max(...perSecond.map((r) => r.n));
  const achieved = (RATE * PACED_SECONDS) / pacedSeconds;
  console.log(
    `Paced at ${RATE}/s on ${PACED_PROFILES} pages: ${(RATE * PACED_SECONDS * PACED_PROFILES).toLocaleString()} messages in ${pacedSeconds.toFixed(1)} s`,
  );
  console.log(
    `  achieved ${achieved.toFixed(0)}/s per page (${(achieved / RATE).toFixed(3)}× the configured rate), busiest calendar second ${busiest} (cap ${RATE})`,
  );
  await t.close();
}

runBench(main);
