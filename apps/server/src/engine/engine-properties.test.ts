import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import {
  programVersionDocument,
  runEngineBatch,
  runSenderBatch,
  seal,
  startNodeId,
  syncStartLists,
} from "@waymark/engine";
import type { FacebookClient } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveProgram } from "../testing/engine-driver";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

type Node = Parameters<typeof programDocument>[0][number];
type Edge = NonNullable<Parameters<typeof programDocument>[1]>[number];

/** A random valid program: a tree from Start whose leaves are End nodes (≤ 30 nodes). */
const programArb = (profileId: string) =>
  fc.integer({ min: 1, max: 1_000_000 }).chain((seed) =>
    fc.constant(null).map(() => {
      let state = seed;
      const rand = () => {
        state = (state * 48271) % 2147483647;
        return state / 2147483647;
      };
      const nodes: Node[] = [];
      const edges: Edge[] = [];
      const grow = (parent: string, handle: "yes" | "no" | null, depth: number) => {
        const id = `n${nodes.length}`;
        const pick = nodes.length > 24 || depth > 6 ? 1 : rand();
        const position = { x: depth * 100, y: nodes.length * 50 };
        edges.push({ id: `e${edges.length}`, source: parent, sourceHandle: handle, target: id });
        if (pick > 0.8) {
          nodes.push({ id, type: "end", position, data: { outcome: `End ${id}` } });
        } else if (pick > 0.6) {
          nodes.push({
            id,
            type: "decision",
            position,
            data: {
              rule: { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" },
            },
          });
          grow(id, "yes", depth + 1);
          grow(id, "no", depth + 1);
        } else if (pick > 0.4) {
          nodes.push({
            id,
            type: "wait",
            position,
            data: { amount: 1 + Math.floor(rand() * 3), unit: "hours" },
          });
          grow(id, null, depth + 1);
        } else if (pick > 0.2) {
          nodes.push({
            id,
            type: "update_contact",
            position,
            data: { field: "LASTNAME", value: `V${id}` },
          });
          grow(id, null, depth + 1);
        } else {
          nodes.push({
            id,
            type: "messenger",
            position,
            data: { profileId, tagId: "shipping_update", text: `Hi @FIRSTNAME@ from ${id}` },
          });
          grow(id, null, depth + 1);
        }
      };
      nodes.push({
        id: "start",
        type: "start",
        position: { x: 0, y: 0 },
        data: { listId: null, allowApi: true },
      });
      grow("start", null, 1);
      return programDocument(nodes, edges);
    }),
  );

const contactsArb = fc.array(fc.record({ named: fc.boolean(), optedIn: fc.boolean() }), {
  minLength: 1,
  maxLength: 12,
});

describe("engine invariants on random programs", () => {
  const apps = new Map<string, TestApp>();
  let clock = new Date("2026-11-20T09:00:00Z");
  beforeAll(async () => {
    for (const driver of testDrivers())
      apps.set(driver, await createTestApp(driver, { now: () => clock }));
  });
  afterAll(async () => {
    for (const t of apps.values()) await t.close();
  });

  /** Runs one program for the contacts on one database; returns the final state by email. */
  async function runOn(
    t: TestApp,
    run: number,
    program: (profileId: string) => ReturnType<typeof programDocument>,
    people: { named: boolean; optedIn: boolean }[],
  ) {
    const browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp(`Prop ${run}`);
    const profileId = crypto.randomUUID();
    const token = seal(t.runtime.deps.keys.pageToken, "page-token", profileId);
    await t.db.execute(sql`insert into messenger_profiles (id, account_id, name, page_id, page_name, status, policy_version, opt_in_code, opt_in_field_name, page_token_enc)
      values (${profileId}::uuid, ${accountId}::uuid, 'P', ${`page-${profileId}`}, 'Page', 'enabled', '2018', 'ABCD', 'FBOPTIN_ABCD', ${token})`);
    const emails: string[] = [];
    for (const [i, p] of people.entries()) {
      const email = `p${i}@example.com`;
      emails.push(email);
      const [c] = rowsOf<{ id: string }>(
        await t.db.execute(sql`insert into contacts (account_id, email, values)
          values (${accountId}::uuid, ${email}, ${JSON.stringify(p.named ? { FIRSTNAME: `P${i}` } : {})}::jsonb) returning id`),
      );
      if (p.optedIn) {
        await t.db.execute(sql`insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at)
          values (${profileId}::uuid, ${c!.id}::uuid, ${accountId}::uuid, ${`psid-${i}`}, ${clock.toISOString()}::timestamptz)`);
      }
    }
    const [list] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`insert into lists (account_id, name) values (${accountId}::uuid, 'L') returning id`,
      ),
    );
    await t.db.execute(
      sql`insert into list_members (list_id, contact_id, account_id) select ${list!.id}::uuid, id, account_id from contacts where account_id = ${accountId}::uuid`,
    );
    const doc = program(profileId);
    const created = await insertActiveProgram(t, {
      accountId,
      name: `Prop ${run}`,
      document: doc,
      startListId: list!.id,
      profileIds: [profileId],
    });

    // A stand-in Facebook at the true edge: counts calls per message, answers success.
    const calls = new Map<string, number>();
    const sendMessage = async (input: { metadata?: string }) => {
      calls.set(input.metadata!, (calls.get(input.metadata!) ?? 0) + 1);
      return { ok: true as const, messageId: `m_${input.metadata}` };
    };
    const facebook = {
      sendMessage,
      sendMessages: (_pageToken: string, requests: { metadata?: string }[]) =>
        Promise.all(requests.map(sendMessage)),
    } as unknown as FacebookClient;
    const deps = { ...t.runtime.deps, facebook };
    for (let round = 0; round < 40; round++) {
      await syncStartLists(deps, async (id, version) => {
        const d = await programVersionDocument(deps.db, id, version);
        return d ? startNodeId(d) : null;
      });
      while ((await runEngineBatch(deps)) > 0) {}
      while ((await runSenderBatch({ ...deps, defaultRatePerSecond: 0 })) > 0) {}
      const [left] = rowsOf<{ n: number }>(
        await t.db.execute(
          sql`select count(*)::int as n from enrolments where program_id = ${created.id}::uuid and state = 'active'`,
        ),
      );
      if (left!.n === 0 && round > 0) break;
      clock = new Date(clock.getTime() + 3_600_000);
    }

    // Invariants.
    const [unsettled] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from messenger_messages where program_id = ${created.id}::uuid and status in ('queued', 'in_flight')`,
      ),
    );
    expect(unsettled!.n).toBe(0);
    expect(Math.max(0, ...calls.values())).toBeLessThanOrEqual(1);
    const places = rowsOf<{ contact_id: string; n: number; active: number }>(
      await t.db.execute(sql`select contact_id, count(*)::int as n, count(*) filter (where state = 'active')::int as active
        from enrolments where program_id = ${created.id}::uuid group by contact_id`),
    );
    expect(places).toHaveLength(people.length);
    expect(places.every((p) => p.n === 1 && p.active === 0)).toBe(true);
    const counters = rowsOf<{ node_id: string; passed: number }>(
      await t.db.execute(
        sql`select node_id, passed::int from program_node_counts where program_id = ${created.id}::uuid order by node_id`,
      ),
    );
    const visits = rowsOf<{ node_id: string; passed: number }>(
      await t.db.execute(
        sql`select node_id, count(*)::int as passed from enrolment_history, unnest(node_ids) as node_id
          where program_id = ${created.id}::uuid group by node_id order by node_id`,
      ),
    );
    expect(counters).toEqual(visits);
    await expectStatsMatchMessages(t);

    const final = rowsOf<{
      email: string;
      outcome: string;
      node_id: string;
      values: unknown;
      messages: number;
    }>(
      await t.db.execute(sql`select c.email, e.outcome, e.node_id, c.values,
          (select count(*)::int from messenger_messages m where m.enrolment_id = e.id) as messages
        from enrolments e join contacts c on c.id = e.contact_id
        where e.program_id = ${created.id}::uuid order by c.email`),
    );
    return { final, emails };
  }

  it("keeps every contact in one place, calls Facebook at most once per visit, and agrees across databases", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        contactsArb,
        async (seed, people) => {
          run += 1;
          const program = (profileId: string) =>
            fc.sample(programArb(profileId), { numRuns: 1, seed })[0]!;
          const results = [];
          for (const t of apps.values()) results.push((await runOn(t, run, program, people)).final);
          for (const other of results.slice(1)) expect(other).toEqual(results[0]);
        },
      ),
      { numRuns: 12 },
    );
  }, 600_000);
});
