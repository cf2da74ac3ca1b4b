import { rowsOf, unnestRows } from "@waymark/db";
import { ENGINE_LOCK_SPACE } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerEnv } from "../testing/bulk-seed";
import { createSandboxProfile, SANDBOX_ADMIN_USER } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { exited, spawnWorker } from "../testing/worker-process";

const PAGES = 12;
const WORKERS = 3;
const PEOPLE_PER_PAGE = 20;
const MESSAGES_PER_PAGE = 300;
const MESSAGES = PAGES * MESSAGES_PER_PAGE;
const RATE = 10;
const LEASE_SECONDS = 5;

type Worker = ReturnType<typeof spawnWorker>;

// Real worker processes share one PostgreSQL; PGlite belongs to one process.
describe.skipIf(!process.env.TEST_DATABASE_URL)("send leases balanced across workers", () => {
  let t: TestApp;
  let accountId: string;
  let contactId: string;
  const profiles: { id: string; psids: string[] }[] = [];

  beforeAll(async () => {
    t = await createTestApp("postgres");
    const browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Balance"));
    const admin = t.runtime.sandbox!.admin;
    for (let p = 0; p < PAGES; p++) {
      const page = await admin.addPage({ name: `Balance page ${p + 1}` });
      await admin.setPageRole({ userId: SANDBOX_ADMIN_USER, pageId: page.id, role: "Admin" });
      const res = await createSandboxProfile(browser, { name: `Page ${p + 1}`, pageId: page.id });
      const { id } = (await res.json()) as { id: string };
      const psids = await Promise.all(
        Array.from({ length: PEOPLE_PER_PAGE }, async (_, i) => {
          const person = await admin.addPerson({ firstName: "W", lastName: `${p}-${i}` });
          return (await admin.optIn({ personId: person.id, pageId: page.id })).psid;
        }),
      );
      profiles.push({ id, psids });
    }
    const [contact] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'w@example.com') returning id`,
      ),
    );
    contactId = contact!.id;
  }, 300_000);
  afterAll(() => t?.close());

  const locks = async () =>
    rowsOf<{ senders: number; leaders: number }>(
      await t.db.execute(sql`select
          count(*) filter (where objid::int8 <> 0)::int as senders,
          count(*) filter (where objid::int8 = 0)::int as leaders
        from pg_locks where locktype = 'advisory' and granted and objsubid = 2
          and classid::int8 = ${ENGINE_LOCK_SPACE}
          and database = (select oid from pg_database where datname = current_database())`),
    )[0]!;

  /** Per page: who holds its send lease now, and how many of its messages have an outcome. */
  const pages = async () =>
    rowsOf<{ id: string; holder: string | null; done: number; due: number }>(
      await t.db.execute(sql`
        select p.id, case when p.sender_until > now() then p.sender_id end as holder,
          count(m.id) filter (where m.status in ('sent', 'delivered', 'read', 'unknown', 'failed'))::int as done,
          count(m.id) filter (where m.status in ('queued', 'in_flight'))::int as due
        from messenger_profiles p left join messenger_messages m on m.profile_id = p.id
        where p.account_id = ${accountId}::uuid group by p.id`),
    );

  /** A sender id names its process (`host:pid:uuid`). */
  const pidOf = (holder: string | null) => (holder ? Number(holder.split(":").at(-2)) : undefined);

  it(`shares ${PAGES} pages among ${WORKERS} workers and the survivors take a killed one's pages`, async () => {
    const env = workerEnv(t, {
      SEND_RATE_PER_SECOND: String(RATE),
      SEND_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    const workers: Worker[] = Array.from({ length: WORKERS }, () => spawnWorker(env));
    const output = () => workers.map((w) => `--- worker ${w.pid}\n${w.output()}`).join("\n");
    try {
      await waitFor(async () => (await locks()).senders === WORKERS, 60_000, output);
      expect((await locks()).leaders).toBe(1);

      // Each page's messages go round its people, all due now.
      const rows = profiles.flatMap((p, page) =>
        Array.from({ length: MESSAGES_PER_PAGE }, (_, i) => ({
          profile: p.id,
          psid: p.psids[i % PEOPLE_PER_PAGE]!,
          visit: page * MESSAGES_PER_PAGE + i,
        })),
      );
      await t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
          psid, messaging_type, tag, text, status, day, next_attempt_at)
        select ${accountId}::uuid, r.profile, 'balance', 0, r.visit, ${contactId}::uuid, r.psid,
          'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Balance #' || r.visit, 'queued', current_date,
          now() - interval '1 hour' + r.visit * interval '1 millisecond'
        from ${unnestRows(rows, "r", {
          profile: ["uuid", (r) => r.profile],
          psid: ["text", (r) => r.psid],
          visit: ["int", (r) => r.visit],
        })}`);

      // Each poll credits a page's new outcomes to the worker holding its lease.
      const sentBy = new Map<number, number>();
      const doneBefore = new Map<string, number>();
      let mostHeld = 0;
      const poll = async () => {
        const now = await pages();
        const held = new Map<number, number>();
        for (const p of now) {
          const pid = pidOf(p.holder);
          const delta = p.done - (doneBefore.get(p.id) ?? 0);
          doneBefore.set(p.id, p.done);
          if (pid === undefined) continue;
          sentBy.set(pid, (sentBy.get(pid) ?? 0) + delta);
          if (p.due > 0) held.set(pid, (held.get(pid) ?? 0) + 1);
        }
        return { now, held };
      };

      // Run until about a third is sent; by then the leases are shared out.
      const started = Date.now();
      await waitFor(
        async () => {
          const { now, held } = await poll();
          mostHeld = Math.max(mostHeld, ...held.values());
          return now.reduce((n, p) => n + p.done, 0) >= MESSAGES / 3;
        },
        60_000,
        output,
        200,
      );
      const beforeKill = new Map(sentBy);
      const total = [...beforeKill.values()].reduce((a, b) => a + b, 0);
      const shares = workers.map((w) => (beforeKill.get(w.pid!) ?? 0) / total);
      console.log(
        `balance: ${total} sent in ${Date.now() - started} ms before the kill, shares ${shares
          .map((s) => `${Math.round(s * 100)}%`)
          .join(" / ")}, most pages held by one worker ${mostHeld}`,
      );
      for (const share of shares) expect(share).toBeGreaterThanOrEqual(0.2);
      expect(mostHeld).toBeLessThanOrEqual(Math.ceil(PAGES / WORKERS));

      // Kill one: its pages go to the survivors once its hold lapses (at most the lease).
      const victim = workers[1]!;
      const survivors = new Set(workers.filter((w) => w !== victim).map((w) => w.pid!));
      const victimPages = new Set(
        (await pages()).filter((p) => pidOf(p.holder) === victim.pid).map((p) => p.id),
      );
      expect(victimPages.size).toBeGreaterThan(0);
      victim.kill("SIGKILL");
      await exited(victim);
      const killedAt = Date.now();
      await waitFor(
        async () => {
          const { now } = await poll();
          return now
            .filter((p) => victimPages.has(p.id))
            .every((p) => p.due === 0 || survivors.has(pidOf(p.holder) ?? -1));
        },
        (LEASE_SECONDS + 10) * 1000,
        output,
        200,
      );
      const takeover = Date.now() - killedAt;
      await waitFor(async () => (await locks()).leaders === 1, 10_000, output);
      expect((await locks()).senders).toBe(WORKERS - 1);

      let mostHeldAfter = 0;
      await waitFor(
        async () => {
          const { now, held } = await poll();
          mostHeldAfter = Math.max(mostHeldAfter, ...held.values());
          return now.every((p) => p.due === 0);
        },
        120_000,
        output,
        200,
      );
      console.log(
        `balance: the survivors held all the killed worker's pages ${takeover} ms after the kill (lease ${LEASE_SECONDS} s); most pages held by one survivor ${mostHeldAfter}; all sent ${Date.now() - started} ms after the start`,
      );
      expect(takeover).toBeLessThanOrEqual(LEASE_SECONDS * 1000);
      expect(mostHeldAfter).toBeLessThanOrEqual(Math.ceil(PAGES / (WORKERS - 1)));
    } finally {
      for (const w of workers) w.kill("SIGTERM");
      await Promise.all(workers.map(exited));
    }

    // Nothing lost: every message has an outcome, sent unless it was in a call at the kill.
    const outcomes = rowsOf<{ status: string; n: number }>(
      await t.db.execute(sql`select status, count(*)::int as n from messenger_messages
        where node_id = 'balance' group by status order by status`),
    );
    const byStatus = Object.fromEntries(outcomes.map((o) => [o.status, o.n]));
    const sent = (byStatus.sent ?? 0) + (byStatus.delivered ?? 0) + (byStatus.read ?? 0);
    expect(sent + (byStatus.unknown ?? 0)).toBe(MESSAGES);
    // Nothing sent twice: Facebook got each message at most once, and every one recorded sent.
    await t.runtime.sandbox!.admin.settle();
    const received = await t.runtime.sandbox!.admin.messages({ limit: MESSAGES * 2 });
    const times = new Map<string, number>();
    for (const m of received) times.set(m.metadata ?? "", (times.get(m.metadata ?? "") ?? 0) + 1);
    expect(Math.max(...times.values())).toBe(1);
    const sentIds = rowsOf<{ id: string }>(
      await t.db.execute(sql`select id from messenger_messages
        where node_id = 'balance' and status in ('sent', 'delivered', 'read')`),
    );
    expect(sentIds.filter((m) => !times.has(m.id))).toEqual([]);
    await expectStatsMatchMessages(t);
  }, 240_000);
});

async function waitFor(
  done: () => Promise<boolean>,
  timeoutMs: number,
  output: () => string,
  everyMs = 500,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms\n${output()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
