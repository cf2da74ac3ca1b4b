import { rowsOf } from "@waymark/db";
import { pgArray } from "@waymark/engine";
import { sql } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";

/** Contacts deleted per transaction: five statements each, whatever the contacts carry. */
export const DELETE_CONTACTS_CHUNK = 10_000;

/**
 * Deletes the account's contacts among `ids` (others are silently not the account's) with their
 * Messenger messages and states, list memberships and enrolments (their history goes by the
 * enrolments' statement trigger): five set-based statements per chunk of ids, one transaction
 * each. The children go first, each in one statement, so the foreign keys' per-contact cascades
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
    deleted += await deps.db.transaction(async (tx) => {
      const owned = sql`(select c.id from contacts c
        where c.account_id = ${actor.accountId}::uuid and c.id = any(${chunk}::uuid[]))`;
      await tx.execute(sql`delete from messenger_messages where contact_id in ${owned}`);
      await tx.execute(sql`delete from messenger_contacts where contact_id in ${owned}`);
      await tx.execute(sql`delete from list_members where contact_id in ${owned}`);
      await tx.execute(sql`delete from enrolments where contact_id in ${owned}`);
      return rowsOf<{ id: string }>(
        await tx.execute(sql`delete from contacts
          where account_id = ${actor.accountId}::uuid and id = any(${chunk}::uuid[]) returning id`),
      ).length;
    });
  }
  return deleted;
}
