import { type Database, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { edge, endNode, programDocument, startNode } from "@waymark/domain/fixtures";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContactsOnList } from "../../testing/bulk-seed";
import { insertActiveProgram } from "../../testing/engine-driver";
import { createTestApp, type TestApp, TestBrowser } from "../../testing/test-app";
import { insertProfile } from "../../testing/test-programs";
import { deleteContacts } from "./delete-contacts";

/** A database whose statements (inside transactions too) are counted. */
function countingDatabase(db: Database) {
  const counter = { statements: 0 };
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, prop, receiver) {
        const value = Reflect.get(object, prop, receiver);
        if (prop === "execute") {
          return (...args: unknown[]) => {
            counter.statements++;
            return (value as (...a: unknown[]) => unknown).apply(object, args);
          };
        }
        if (prop === "transaction") {
          return (run: (tx: object) => Promise<unknown>, ...rest: unknown[]) =>
            (value as (...a: unknown[]) => unknown).call(
              object,
              (tx: object) => run(counted(tx)),
              ...rest,
            );
        }
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  return { db: counted(db), counter };
}

describe.each(testDrivers())("deleting contacts on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  /** An account whose `count` contacts each have a list membership, an enrolment with history, a Messenger state and a message. */
  async function seedAccount(name: string, prefix: string, count: number) {
    const browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp(name);
    const profileId = await insertProfile(t.db, accountId, { name: `${name} page` });
    await seedContactsOnList(t, accountId, prefix, count);
    const program = await insertActiveProgram(t, {
      accountId,
      name: "Journey",
      document: programDocument([startNode("start"), endNode("end")], [edge("start", "end")]),
    });
    await t.db.execute(sql`
      with e as (
        insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at, state)
        select account_id, ${program.id}::uuid, 1, id, 'end', now(), 'done' from contacts
        where account_id = ${accountId}::uuid
        returning id, contact_id),
      h as (
        insert into enrolment_history (enrolment_id, visit, program_id, at, node_ids)
        select id, 0, ${program.id}::uuid, now(), array['start', 'end'] from e),
      m as (
        insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at)
        select ${profileId}::uuid, contact_id, ${accountId}::uuid, 'psid-' || contact_id, now() from e)
      insert into messenger_messages (account_id, profile_id, program_id, node_id, enrolment_id, visit,
        contact_id, psid, text, status, day, sent_day, sent_at)
      select ${accountId}::uuid, ${profileId}::uuid, ${program.id}::uuid, 'hello', id, 1, contact_id,
        'psid-' || contact_id, 'Hi', 'sent', current_date, current_date, now() from e`);
    const ids = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select id from contacts where account_id = ${accountId}::uuid order by email`,
      ),
    ).map((r) => r.id);
    return { accountId, ids };
  }

  /** Rows anywhere that belong to `ids`. */
  async function leftovers(ids: string[]) {
    const list = `{${ids.join(",")}}`;
    return rowsOf<Record<string, number>>(
      await t.db.execute(sql`select
        (select count(*)::int from contacts where id = any(${list}::uuid[])) as contacts,
        (select count(*)::int from list_members where contact_id = any(${list}::uuid[])) as members,
        (select count(*)::int from enrolments where contact_id = any(${list}::uuid[])) as enrolments,
        (select count(*)::int from messenger_contacts where contact_id = any(${list}::uuid[])) as states,
        (select count(*)::int from messenger_messages where contact_id = any(${list}::uuid[])) as messages,
        (select count(*)::int from enrolment_history h
          where not exists (select 1 from enrolments e where e.id = h.enrolment_id)) as orphan_history`),
    )[0]!;
  }
  const nothing = {
    contacts: 0,
    members: 0,
    enrolments: 0,
    states: 0,
    messages: 0,
    orphan_history: 0,
  };

  it("removes the contacts with their Messenger rows, memberships and enrolments, in the same few statements for 2 or 40", async () => {
    const mine = await seedAccount("Deleting Co", "del", 50);
    const theirs = await seedAccount("Other Co", "oth", 3);
    const actor = { accountId: mine.accountId, userId: null };

    const few = countingDatabase(t.db);
    expect(
      await deleteContacts({ db: few.db, now: () => new Date() }, actor, mine.ids.slice(0, 2)),
    ).toBe(2);
    const many = countingDatabase(t.db);
    // Another account's contacts among the ids are not this account's to delete.
    const asked = [...mine.ids.slice(2, 42), ...theirs.ids];
    expect(await deleteContacts({ db: many.db, now: () => new Date() }, actor, asked)).toBe(40);

    expect(many.counter.statements).toBe(few.counter.statements);
    expect(many.counter.statements).toBe(6);
    expect(await leftovers(mine.ids.slice(0, 42))).toEqual(nothing);
    const kept = {
      contacts: 8,
      members: 8,
      enrolments: 8,
      states: 8,
      messages: 8,
      orphan_history: 0,
    };
    expect(await leftovers(mine.ids.slice(42))).toEqual(kept);
    expect(await leftovers(theirs.ids)).toEqual({
      ...kept,
      contacts: 3,
      members: 3,
      enrolments: 3,
      states: 3,
      messages: 3,
    });
  });
});
