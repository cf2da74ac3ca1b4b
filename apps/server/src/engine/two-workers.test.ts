import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContactsOnList, workerEnv } from "../testing/bulk-seed";
import { insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { messengerProgram } from "../testing/test-programs";
import { exited, spawnWorker } from "../testing/worker-process";

const CONTACTS = Number(process.env.TWO_WORKERS_CONTACTS ?? 100_000);

// Several workers share one PostgreSQL through SKIP LOCKED claims; PGlite is single-process.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two worker processes on one PostgreSQL", () => {
  let t: TestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp("postgres");
    const browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Two workers");
    const profile = (await (
      await createSandboxProfile(browser, { name: "Pair", pageId: ADMIN_PAGE })
    ).json()) as {
      id: string;
    };
    const listId = await seedContactsOnList(t, accountId, "w", CONTACTS);
    await insertActiveProgram(t, {
      accountId,
      name: "Pair run",
      startListId: listId,
      profileIds: [profile.id],
      document: messengerProgram({
        profileId: profile.id,
        listId,
        text: "Hi",
        updateField: { field: "LASTNAME", value: "Seen" },
      }),
    });
    env = workerEnv(t);
  }, 600_000);
  afterAll(() => t?.close());

  it(`processes ${CONTACTS.toLocaleString()} contacts with no contact processed twice`, async () => {
    const workers = [spawnWorker(env), spawnWorker(env)];
    const deadline = Date.now() + 600_000;
    for (;;) {
      const [left] = rowsOf<{ n: number; total: number }>(
        await t.db.execute(
          sql`select count(*) filter (where state = 'active')::int as n, count(*)::int as total from enrolments`,
        ),
      );
      if (left!.total === CONTACTS && left!.n === 0) break;
      if (Date.now() > deadline)
        throw new Error(`not finished: ${JSON.stringify(left)}\n${workers[0]!.output()}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    for (const w of workers) w.kill("SIGTERM");
    await Promise.all(workers.map(exited));

    // Each contact visited each node exactly once: any double processing would add steps or messages.
    const steps = rowsOf<{ per: number; n: number }>(
      await t.db.execute(sql`select per, count(*)::int as n from
        (select enrolment_id, sum(cardinality(node_ids))::int as per from enrolment_history group by enrolment_id) x
        group by per`),
    );
    expect(steps).toEqual([{ per: 4, n: CONTACTS }]);
    const messages = rowsOf<{ n: number; contacts: number }>(
      await t.db.execute(
        sql`select count(*)::int as n, count(distinct contact_id)::int as contacts from messenger_messages`,
      ),
    );
    expect(messages[0]).toEqual({ n: CONTACTS, contacts: CONTACTS });
    const passed = rowsOf<{ node_id: string; passed: number }>(
      await t.db.execute(
        sql`select node_id, passed::int from program_node_counts order by node_id`,
      ),
    );
    expect(passed).toEqual(
      ["end", "msg", "start", "tag"].map((node_id) => ({ node_id, passed: CONTACTS })),
    );
    await expectStatsMatchMessages(t);
  }, 900_000);
});
