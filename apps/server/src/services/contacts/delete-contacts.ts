import { rowsOf } from "@waymark/db";
import { pgArray } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { retryConflicts } from "../conflict-retry";
import type { Actor, ServiceDeps } from "../context";

/** Contacts deleted per transaction: six statements each, whatever the contacts carry. */
export const DELETE_CONTACTS_CHUNK = 10_000;

/**
 * Deletes the account's contacts among `ids` (others are silently not the account's) with their
 * Messenger messages and states, list memberships and enrolments (their history goes by the
 * enrolments' statement trigger): six set-based statements per chunk of ids (their profiles
 * locked, then five deletes), one transaction each. The children go first, each in one statement, so the foreign keys' per-contact cascades
 * find nothing left to delete. Returns how many contacts were deleted.
 */
export async function deleteContacts(
  deps: ServiceDeps,
  actor: Actor,
  ids: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += DELETE_CONTACTS_CHUNK) {
    const chunk = pgArray(ids.slice(i, i + DELETE_CONTACTS_CHUNK));
    deleted += await retryConflicts(
      () =>
        deps.db.transaction(async (tx) => {
          const owned = sql`(select c.id from contacts c
        where c.account_id = ${actor.accountId}::uuid and c.id = any(${chunk}::uuid[]))`;
          // The profiles of their Messenger rows first, in id order, as the engine locks them
          // before their messages (packages/engine/README.md, "Lock order"): else the delete and
          // the inbox processor can each hold messages the other waits for (a deadlock).
          await tx.execute(sql`
        select p.id from messenger_profiles p
        where p.id in (select m.profile_id from messenger_messages m where m.contact_id in ${owned}
          union select mc.profile_id from messenger_contacts mc where mc.contact_id in ${owned})
        order by p.id for update`);
          await tx.execute(sql`delete from messenger_messages where contact_id in ${owned}`);
          await tx.execute(sql`delete from messenger_contacts where contact_id in ${owned}`);
          await tx.execute(sql`delete from list_members where contact_id in ${owned}`);
          await tx.execute(sql`delete from enrolments where contact_id in ${owned}`);
          return rowsOf<{ id: string }>(
            await tx.execute(sql`delete from contacts
          where account_id = ${actor.accountId}::uuid and id = any(${chunk}::uuid[]) returning id`),
          ).length;
        }),
      "Waymark is busy with these contacts' messages; try deleting them again in a moment",
    );
  }
  return deleted;
}
