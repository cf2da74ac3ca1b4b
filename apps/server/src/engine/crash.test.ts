import { rowsOf, unnestRows } from "@waymark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContactsOnList, workerEnv } from "../testing/bulk-seed";
import { insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { messengerProgram } from "../testing/test-programs";
import { exited, spawnWorker } from "../testing/worker-process";

const CONTACTS = Number(process.env.CRASH_TEST_CONTACTS ?? 50_000);
const OPTED_IN = Math.min(CONTACTS, Number(process.env.CRASH_TEST_OPTED_IN ?? 5_000));
const KILLS = 4;

// Workers share PostgreSQL; PGlite belongs to one process, so this runs on PostgreSQL only.
describe.skipIf(!process.env.TEST_DATABASE_URL)("crash safety with real worker processes", () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp("postgres");
    const browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Crash");
    const profile = (await (
      await createSandboxProfile(browser, { name: "Crash", pageId: ADMIN_PAGE })
    ).json()) as {
      id: string;
    };
    const now = t.runtime.deps.now().toISOString();
    const listId = await seedContactsOnList(t, accountId, "c", CONTACTS);
    // Opt in the first contacts as real sandbox people (no ref: Waymark links them directly).
    const firstContacts = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select id from contacts where account_id = ${accountId}::uuid order by email limit ${OPTED_IN}`,
      ),
    );
    const admin = t.runtime.sandbox!.admin;
    const links: {
      profile_id: string;
      contact_id: string;
      account_id: string;
      psid: string;
      at: string;
    }[] = [];
    for (let i = 0; i < firstContacts.length; i += 100) {
      const chunk = firstContacts.slice(i, i + 100);
      const psids = await Promise.all(
        chunk.map(async (c) => {
          const person = await admin.addPerson({ firstName: "P", lastName: c.id.slice(0, 6) });
          return (await admin.optIn({ personId: person.id, pageId: ADMIN_PAGE, ref: null })).psid;
        }),
      );
      for (const [j, c] of chunk.entries()) {
        links.push({
          profile_id: profile.id,
          contact_id: c.id,
          account_id: accountId,
          psid: psids[j]!,
          at: now,
        });
      }
    }
    await t.db.execute(sql`
      insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at)
      select profile_id, contact_id, account_id, psid, at
      from ${unnestRows(links, "l", {
        profile_id: ["uuid", (l) => l.profile_id],
        contact_id: ["uuid", (l) => l.contact_id],
        account_id: ["uuid", (l) => l.account_id],
        psid: ["text", (l) => l.psid],
        at: ["timestamptz", (l) => l.at],
      })}`);
    await admin.settle();
    await insertActiveProgram(t, {
      accountId,
      name: "Crash run",
      startListId: listId,
      profileIds: [profile.id],
      document: messengerProgram({ profileId: profile.id, listId, text: "Hi @FIRSTNAME@" }),
    });
    env = workerEnv(t, { SEND_LEASE_SECONDS: "3" });
  }, 600_000);
  afterAll(() => t?.close());

  const pending = async () =>
    rowsOf<{ enrolled: number; active: number; queued: number; in_flight: number }>(
      await t.db.execute(sql`select
        (select count(*)::int from enrolments) as enrolled,
        (select count(*)::int from enrolments where state = 'active') as active,
        (select count(*)::int from messenger_messages where status = 'queued') as queued,
        (select count(*)::int from messenger_messages where status = 'in_flight') as in_flight`),
    )[0]!;

  it(`loses no contact and never sends twice while the worker is SIGKILLed ${KILLS} times`, async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const worker = spawnWorker(env);
      await new Promise((r) => setTimeout(r, 1_500 + Math.random() * 2_500));
      worker.kill("SIGKILL");
      await exited(worker);
    }
    const last = spawnWorker(env);
    const deadline = Date.now() + 300_000;
    for (;;) {
      const p = await pending();
      // Enrolled first: on a busy machine the killed workers may not have reached the list.
      if (p.enrolled === CONTACTS && p.active === 0 && p.queued === 0 && p.in_flight === 0) break;
      if (Date.now() > deadline) throw new Error(`stuck: ${JSON.stringify(p)}\n${last.output()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    last.kill("SIGTERM");
    await exited(last);

    const perContact = rowsOf<{ n: number; contacts: number }>(
      await t.db.execute(sql`select n, count(*)::int as contacts from (
          select c.id, count(m.id)::int as n from contacts c
          left join messenger_messages m on m.contact_id = c.id and m.node_id = 'msg'
          group by c.id) x group by n`),
    );
    expect(perContact).toEqual([{ n: 1, contacts: CONTACTS }]);
    const outcomes = rowsOf<{ status: string; n: number }>(
      await t.db.execute(
        sql`select status, count(*)::int as n from messenger_messages group by status order by status`,
      ),
    );
    const byStatus = Object.fromEntries(outcomes.map((o) => [o.status, o.n]));
    expect(byStatus.not_sent).toBe(CONTACTS - OPTED_IN);
    expect(
      (byStatus.sent ?? 0) +
        (byStatus.delivered ?? 0) +
        (byStatus.read ?? 0) +
        (byStatus.unknown ?? 0) +
        (byStatus.failed ?? 0),
    ).toBe(OPTED_IN);
    const done = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from enrolments where state = 'done'`),
    );
    expect(done[0]?.n).toBe(CONTACTS);

    await t.runtime.sandbox!.admin.settle();
    const received = await t.runtime.sandbox!.admin.messages({ limit: 10_000 });
    const perRecipient = new Map<string, number>();
    for (const m of received)
      perRecipient.set(m.psid ?? m.mid, (perRecipient.get(m.psid ?? m.mid) ?? 0) + 1);
    expect(Math.max(0, ...perRecipient.values())).toBeLessThanOrEqual(1);
    // Every message Facebook accepted is sent or settled; the rest are honestly unknown.
    expect(received.length).toBeLessThanOrEqual(OPTED_IN);
    await expectStatsMatchMessages(t);
  }, 900_000);
});
