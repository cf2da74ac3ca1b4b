/**
 * Deleting contacts that carry Messenger rows (issue 15): an account of `--base` (200,000)
 * contacts, each on a list, enrolled (with a history row), opted in to a Messenger profile and
 * sent a message. Deletes `--contacts` (100,000) of them with `deleteContacts` (set-based), and
 * in the same run, on samples, the baseline: one `delete from contacts` per contact with the
 * foreign keys cascading, without the `messenger_contacts (contact_id)` index (as before
 * migration 0013) and with it.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx apps/server/bench/delete-contacts-bench.ts [--base N] [--contacts N] [--baseline N] [--pglite]
 */
import { parseArgs } from "node:util";
import { type Database, type Driver, rowsOf } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { sql } from "drizzle-orm";
import { deleteContacts } from "../src/services/contacts/delete-contacts";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: "200000" },
    contacts: { type: "string", default: "100000" },
    baseline: { type: "string", default: "200" },
    pglite: { type: "boolean", default: false },
  },
});
const base = Number(args.base);
const toDelete = Number(args.contacts);
const baselineCount = Number(args.baseline);
const driver: Driver = args.pglite || !process.env.TEST_DATABASE_URL ? "pglite" : "postgres";

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
  const [list] = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into lists (account_id, name) values (${accountId}::uuid, 'Everyone') returning id`,
    ),
  );
  const [program] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into programs (account_id, name, status, document)
      values (${accountId}::uuid, 'Journey', 'active', '{"schemaVersion":1,"nodes":[],"edges":[]}'::jsonb)
      returning id`),
  );
  for (let from = 1; from <= base; from += 50_000) {
    const to = Math.min(base, from + 49_999);
    await db.execute(sql`
      with c as (
        insert into contacts (account_id, email, values)
        select ${accountId}::uuid, 'c' || g || '@example.com', jsonb_build_object('FIRSTNAME', 'N' || g)
        from generate_series(${from}::int, ${to}::int) g
        returning id),
      l as (insert into list_members (list_id, contact_id, account_id)
        select ${list!.id}::uuid, id, ${accountId}::uuid from c),
      e as (
        insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at, state)
        select ${accountId}::uuid, ${program!.id}::uuid, 1, id, 'end', now(), 'done' from c
        returning id, contact_id),
      h as (insert into enrolment_history (enrolment_id, visit, program_id, at, node_ids)
        select id, 0, ${program!.id}::uuid, now(), array['start', 'hello', 'end'] from e),
      m as (insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at)
        select ${profileId}::uuid, contact_id, ${accountId}::uuid, 'psid-' || contact_id, now() from e)
      insert into messenger_messages (account_id, profile_id, program_id, node_id, enrolment_id, visit,
        contact_id, psid, text, status, day, sent_day, sent_at)
      select ${accountId}::uuid, ${profileId}::uuid, ${program!.id}::uuid, 'hello', id, 1, contact_id,
        'psid-' || contact_id, 'Hi there', 'sent', current_date, current_date, now() from e`);
  }
  await db.execute(sql`vacuum analyze`);
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`select id from contacts where account_id = ${accountId}::uuid`),
  ).map((r) => r.id);
  return { accountId, ids };
}

/** The old way: one statement per contact, the foreign keys cascading to every child table. */
async function deleteOneByOne(db: Database, ids: string[]) {
  for (const id of ids) await db.execute(sql`delete from contacts where id = ${id}::uuid`);
}

async function timed(run: () => Promise<void>) {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function main() {
  const handle = await openTestDatabase(driver);
  const { db } = handle;
  try {
    console.log(
      `${driver}: ${base.toLocaleString("en")} contacts, each on a list, enrolled with history, opted in and sent a message`,
    );
    const seedStarted = performance.now();
    const { accountId, ids } = await seed(db);
    console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const extrapolate = (seconds: number, n: number) =>
      `${((seconds / n) * 1000).toFixed(2)} ms per contact, ${((seconds / n) * toDelete).toFixed(0)} s for ${toDelete.toLocaleString("en")}`;

    let next = 0;
    const take = (n: number) => {
      next += n;
      return ids.slice(next - n, next);
    };

    await db.execute(sql`drop index messenger_contacts_contact_idx`);
    const before = await timed(() => deleteOneByOne(db, take(baselineCount)));
    console.log(
      `baseline, one delete per contact, no messenger_contacts(contact_id) index: ${baselineCount} in ${before.toFixed(1)} s (${extrapolate(before, baselineCount)})`,
    );
    await db.execute(
      sql`create index messenger_contacts_contact_idx on messenger_contacts (contact_id)`,
    );
    const indexedCount = baselineCount * 10;
    const indexed = await timed(() => deleteOneByOne(db, take(indexedCount)));
    console.log(
      `baseline, one delete per contact, with the index: ${indexedCount} in ${indexed.toFixed(1)} s (${extrapolate(indexed, indexedCount)})`,
    );

    const batch = take(toDelete);
    const actor = { accountId, userId: null };
    let deleted = 0;
    const setBased = await timed(async () => {
      deleted = await deleteContacts({ db, now: () => new Date() }, actor, batch);
    });
    if (deleted !== batch.length) throw new Error(`deleted ${deleted} of ${batch.length}`);
    console.log(
      `deleteContacts (set-based): ${deleted.toLocaleString("en")} in ${setBased.toFixed(1)} s (${((setBased / deleted) * 1000).toFixed(3)} ms per contact)`,
    );
    const [left] = rowsOf<{
      contacts: number;
      messages: number;
      states: number;
      enrolments: number;
    }>(
      await db.execute(sql`select (select count(*)::int from contacts) as contacts,
        (select count(*)::int from messenger_messages) as messages,
        (select count(*)::int from messenger_contacts) as states,
        (select count(*)::int from enrolments) as enrolments`),
    );
    console.log(`left: ${JSON.stringify(left)}`);
    if (new Set(Object.values(left!)).size !== 1) throw new Error("child rows left behind");
  } finally {
    await handle.close();
  }
}

runBench(main);
