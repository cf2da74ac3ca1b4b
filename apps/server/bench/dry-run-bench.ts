/**
 * A dry run of a 6-node program over `--contacts` (1,000,000) contacts of its Start list
 * (issue 16.1; target ≤ 30 s on PostgreSQL). The program: Start → Messenger "Hi @FIRSTNAME@"
 * (Response) → Wait 1 day → Decision FIRSTNAME not empty → Messenger (Shipping update) → End;
 * 2/3 of contacts have a first name, 60% opted in (over the last 48 hours, so some are outside
 * the window). Times `startDryRun` to `done` as the API runs it, and prints its counts.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/dry-run-bench.ts [--contacts N] [--pglite] [--keep | --reuse URL]
 */
import { parseArgs } from "node:util";
import { type Database, type Driver, openDatabase, rowsOf } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { sql } from "drizzle-orm";
import { getDryRun, settledDryRun, startDryRun } from "../src/services/dry-run/dry-runs";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    contacts: { type: "string", default: "1000000" },
    pglite: { type: "boolean", default: false },
    /** A database this bench seeded before (left by an interrupted run): skip the seeding. */
    reuse: { type: "string" },
    /** Leave the seeded PostgreSQL database in place and print its URL, for later `--reuse`. */
    keep: { type: "boolean", default: false },
  },
});
const count = Number(args.contacts);
const driver: Driver = args.pglite || !process.env.TEST_DATABASE_URL ? "pglite" : "postgres";

function document(listId: string, profileId: string) {
  const at = (y: number) => ({ x: 0, y });
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", type: "start", position: at(0), data: { listId, allowApi: false } },
      {
        id: "hello",
        type: "messenger",
        position: at(100),
        data: { profileId, tagId: "response", text: "Hi @FIRSTNAME@" },
      },
      { id: "wait", type: "wait", position: at(200), data: { amount: 1, unit: "days" } },
      {
        id: "named",
        type: "decision",
        position: at(300),
        data: { rule: { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } },
      },
      {
        id: "ship",
        type: "messenger",
        position: at(400),
        data: { profileId, tagId: "shipping_update", text: "@FIRSTNAME@, it shipped" },
      },
      { id: "end", type: "end", position: at(500), data: { outcome: "Done" } },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: null, target: "hello" },
      { id: "e2", source: "hello", sourceHandle: null, target: "wait" },
      { id: "e3", source: "wait", sourceHandle: null, target: "named" },
      { id: "e4", source: "named", sourceHandle: "yes", target: "ship" },
      { id: "e5", source: "named", sourceHandle: "no", target: "end" },
      { id: "e6", source: "ship", sourceHandle: null, target: "end" },
    ],
  };
}

async function seed(db: Database) {
  const [account] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into accounts (name) values ('Bench') returning id`),
  );
  const accountId = account!.id;
  const profileId = crypto.randomUUID();
  await db.execute(sql`insert into messenger_profiles (id, account_id, name, page_id, page_name,
      status, policy_version, opt_in_code, opt_in_field_name, page_token_enc)
    values (${profileId}::uuid, ${accountId}::uuid, 'Shop', 'page-bench', 'Bench', 'enabled', '2018',
      'BNCH', 'FBOPTIN_BNCH', 'not-a-token')`);
  await db.execute(sql`insert into data_fields (account_id, name, type)
    values (${accountId}::uuid, 'FIRSTNAME', 'text'), (${accountId}::uuid, 'LASTNAME', 'text')`);
  const [list] = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into lists (account_id, name) values (${accountId}::uuid, 'Everyone') returning id`,
    ),
  );
  for (let from = 1; from <= count; from += 50_000) {
    const to = Math.min(count, from + 49_999);
    await db.execute(sql`
      with c as (
        insert into contacts (account_id, email, values)
        select ${accountId}::uuid, 'c' || g || '@example.com',
          case when g % 3 = 0 then jsonb_build_object('LASTNAME', 'L' || g)
            else jsonb_build_object('FIRSTNAME', 'N' || g, 'LASTNAME', 'L' || g) end
        from generate_series(${from}::int, ${to}::int) g
        returning id),
      l as (insert into list_members (list_id, contact_id, account_id)
        select ${list!.id}::uuid, id, ${accountId}::uuid from c)
      insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at)
      select ${profileId}::uuid, id, ${accountId}::uuid, 'psid-' || id,
        now() - make_interval(hours => (abs(hashtext(id::text)) % 48))
      from c where abs(hashtext(id::text)) % 10 < 6`);
  }
  const [program] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into programs (account_id, name, status, document, start_list_id, profile_ids)
      values (${accountId}::uuid, 'Journey', 'draft', ${JSON.stringify(document(list!.id, profileId))}::jsonb,
        ${list!.id}::uuid, array[${profileId}::uuid])
      returning id`),
  );
  await db.execute(sql`vacuum analyze`);
  return { accountId, programId: program!.id };
}

async function seeded(db: Database) {
  const [row] = rowsOf<{ account_id: string; id: string }>(
    await db.execute(sql`select account_id, id from programs where name = 'Journey' limit 1`),
  );
  await db.execute(sql`delete from dry_runs`);
  return { accountId: row!.account_id, programId: row!.id };
}

runBench(async () => {
  const handle = args.reuse
    ? await openDatabase({ url: args.reuse })
    : await openTestDatabase(driver);
  try {
    const seedStarted = performance.now();
    const { accountId, programId } = args.reuse ? await seeded(handle.db) : await seed(handle.db);
    console.log(
      `${args.reuse ? "postgres (reused)" : driver}: ${count.toLocaleString("en")} contacts seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const deps = { db: handle.db, now: () => new Date() };
    const actor = { accountId, userId: null };
    const started = performance.now();
    const { dryRun } = await startDryRun(deps, actor, programId);
    await settledDryRun(dryRun.id);
    const seconds = (performance.now() - started) / 1000;
    const result = await getDryRun(deps, actor, dryRun.id, programId);
    console.log(
      `dry run of 6 nodes over ${result.progress.done.toLocaleString("en")} contacts: ${seconds.toFixed(1)} s (${result.status})`,
    );
    console.log(`nodes: ${JSON.stringify(result.summary.nodes)}`);
    console.log(
      `reasons: ${result.summary.reasons.map((r) => `${r.nodeId} ${r.kind} "${r.reason}" ${r.count}`).join("; ")}`,
    );
    if (result.status !== "done")
      throw new Error(`dry run ended ${result.status}: ${result.error}`);
  } finally {
    if (args.keep && !args.reuse && "url" in handle) console.log(`kept for --reuse: ${handle.url}`);
    else await handle.close();
  }
});
