import {
  AccountScope,
  contacts,
  listMembers,
  lists,
  messengerContacts,
  messengerProfiles,
  type StoredFieldValue,
} from "@waymark/db";
import { normaliseEmail } from "@waymark/domain";
import { and, asc, desc, eq, getTableColumns, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { invalidField, notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { encodeCursor, pgTimestamptzText } from "../page-cursor";
import { fieldSpecs } from "./data-fields";
import { deleteContacts } from "./delete-contacts";
import { checkFieldValues } from "./field-values";
import { missingContact } from "./merge-contacts";

type ContactRow = typeof contacts.$inferSelect;

export function presentContact(row: ContactRow) {
  return {
    id: row.id,
    email: row.email,
    values: row.values,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type ContactView = ReturnType<typeof presentContact>;

/** Validates and lower-cases an email, or fails naming the `field`. */
export function requireEmail(raw: string, field = "email"): string {
  const result = normaliseEmail(raw);
  if (!result.ok) {
    throw invalidField(field, result.message);
  }
  return result.email;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Where a page of contacts ends: the last row's created_at (as PostgreSQL prints it) and id. */
export const contactCursor = z.tuple([pgTimestamptzText, z.uuid()]);

/** Which contacts a page lists: all, or only Messenger subscribers nobody has given an email. */
export const CONTACTS_SHOWN = ["all", "subscribers-without-email"] as const;
export type ContactsShown = (typeof CONTACTS_SHOWN)[number];

/** Which contacts a page or an export reads: a search of email and names, and `show`. */
export interface ContactsFilter {
  search?: string;
  show?: ContactsShown;
}

/**
 * Up to `limit` contacts of the filter after `cursor` (created_at as PostgreSQL prints it, id),
 * newest first, each with its own cursor: the one keyset read behind pages and exports.
 */
export async function readContactsPage(
  deps: ServiceDeps,
  actor: Actor,
  query: ContactsFilter & { cursor?: z.output<typeof contactCursor>; limit: number },
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const shown = query.show === "subscribers-without-email" ? isNull(contacts.email) : undefined;
  const search = query.search?.trim();
  const term = search ? escapeLike(search.toLowerCase()) : undefined;
  const searchCondition = term
    ? or(
        sql`${contacts.email} like ${`${term}%`}`,
        ilike(sql`${contacts.values}->>'FIRSTNAME'`, `%${term}%`),
        ilike(sql`${contacts.values}->>'LASTNAME'`, `%${term}%`),
        ilike(sql`${contacts.values}->>'FULLNAME'`, `%${term}%`),
      )
    : undefined;
  let after: ReturnType<typeof sql> | undefined;
  if (query.cursor) {
    const [createdAt, id] = query.cursor;
    after = sql`(${contacts.createdAt}, ${contacts.id}) < (${createdAt}::timestamptz, ${id}::uuid)`;
  }
  // The cursor keeps the timestamp as PostgreSQL prints it: microseconds survive the round trip.
  return deps.db
    .select({ ...getTableColumns(contacts), sortKey: sql<string>`${contacts.createdAt}::text` })
    .from(contacts)
    .where(scope.where(contacts, searchCondition, shown, after))
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(query.limit);
}

/**
 * A page of contacts, newest first, optionally filtered by email or name and by `show`;
 * keyset-paginated.
 */
export async function listContacts(
  deps: ServiceDeps,
  actor: Actor,
  query: ContactsFilter & { cursor?: z.output<typeof contactCursor>; limit: number },
) {
  const rows = await readContactsPage(deps, actor, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    contacts: page.map(presentContact),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

async function getOwnedContact(deps: ServiceDeps, actor: Actor, id: string) {
  const [row] = await new AccountScope(deps.db, actor.accountId).select(
    contacts,
    eq(contacts.id, id),
  );
  if (!row) throw await missingContact(deps, actor, id);
  return row;
}

/** A contact with its list memberships. */
export async function getContact(deps: ServiceDeps, actor: Actor, id: string) {
  const row = await getOwnedContact(deps, actor, id);
  const memberships = await deps.db
    .select({ id: lists.id, name: lists.name, addedAt: listMembers.addedAt })
    .from(listMembers)
    .innerJoin(lists, eq(lists.id, listMembers.listId))
    .where(and(eq(listMembers.contactId, id), eq(listMembers.accountId, actor.accountId)))
    .orderBy(asc(lists.name));
  return {
    ...presentContact(row),
    lists: memberships.map((m) => ({ id: m.id, name: m.name, addedAt: m.addedAt.toISOString() })),
  };
}

/** The contact with this email (case-insensitive), or 404. */
export async function getContactByEmail(deps: ServiceDeps, actor: Actor, rawEmail: string) {
  const email = requireEmail(rawEmail);
  const [row] = await new AccountScope(deps.db, actor.accountId).select(
    contacts,
    eq(contacts.email, email),
  );
  if (!row) throw notFound("Contact");
  return getContact(deps, actor, row.id);
}

/**
 * The contact whose data field `field` holds `value` (compared as text, e.g. "42", "true",
 * "2025-03-01"), or 404; 400 naming `field` when the account has no such field. A profile's
 * FBOPTIN_XXX field is found through the PSID link's index first; other fields are read from
 * the account's contacts without an index (a lookup, not a hot path). The oldest contact wins.
 */
export async function getContactByField(
  deps: ServiceDeps,
  actor: Actor,
  field: string,
  value: string,
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  if (!(await fieldSpecs(deps.db, actor.accountId)).has(field)) {
    throw invalidField("field", `no data field is named ${field}`);
  }
  const [linked] = await deps.db
    .select({ id: messengerContacts.contactId })
    .from(messengerContacts)
    .innerJoin(messengerProfiles, eq(messengerProfiles.id, messengerContacts.profileId))
    .where(
      and(
        eq(messengerProfiles.accountId, actor.accountId),
        eq(messengerProfiles.optInFieldName, field),
        eq(messengerContacts.psid, value),
      ),
    )
    .limit(1);
  if (linked) return getContact(deps, actor, linked.id);
  const [row] = await deps.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(scope.where(contacts, sql`${contacts.values}->>${field} = ${value}`))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1);
  if (!row) throw notFound("Contact");
  return getContact(deps, actor, row.id);
}

/** Creates a contact; 409 when the email is already a contact. */
export async function createContact(
  deps: ServiceDeps,
  actor: Actor,
  input: { email: string; values?: Record<string, unknown> },
) {
  const email = requireEmail(input.email);
  const { set } = checkFieldValues(await fieldSpecs(deps.db, actor.accountId), input.values ?? {});
  const [row] = await deps.db
    .insert(contacts)
    .values({ accountId: actor.accountId, email, values: set })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw new ServiceError(409, "contact_exists", `${email} is already a contact`, {
      fields: { email: "is already a contact" },
    });
  }
  return presentContact(row);
}

/**
 * Creates or updates the contact with this email (case-insensitive) in one statement;
 * given values replace stored ones, `null` clears one, others stay.
 */
export async function upsertContact(
  deps: ServiceDeps,
  actor: Actor,
  input: { email: string; values?: Record<string, unknown> },
) {
  const email = requireEmail(input.email);
  const { set, clear } = checkFieldValues(
    await fieldSpecs(deps.db, actor.accountId),
    input.values ?? {},
  );
  const [row] = await deps.db
    .insert(contacts)
    .values({ accountId: actor.accountId, email, values: set })
    .onConflictDoUpdate({
      target: [contacts.accountId, contacts.email],
      set: {
        values: sql`(${contacts.values} || excluded.values) - array(select jsonb_array_elements_text(${JSON.stringify(clear)}::jsonb))`,
        updatedAt: deps.now(),
      },
    })
    .returning({ ...getTableColumns(contacts), inserted: sql<boolean>`(xmax = 0)` });
  const { inserted, ...contact } = row!;
  return { contact: presentContact(contact), created: inserted };
}

/**
 * Changes a contact's email and/or values. Values merge per field in the statement itself, so
 * a write racing this one (an opt-in filling FBOPTIN, an Update-contact node) is never undone.
 */
export async function updateContact(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: { email?: string; values?: Record<string, unknown> },
) {
  const existing = await getOwnedContact(deps, actor, id);
  const email = input.email === undefined ? existing.email : requireEmail(input.email);
  const { set, clear } = checkFieldValues(
    await fieldSpecs(deps.db, actor.accountId),
    input.values ?? {},
  );
  if (email !== null && email !== existing.email) {
    const [taken] = await new AccountScope(deps.db, actor.accountId).select(
      contacts,
      eq(contacts.email, email),
    );
    if (taken) {
      throw new ServiceError(409, "contact_exists", `${email} is already a contact`, {
        fields: { email: "is already another contact" },
      });
    }
  }
  const [row] = await new AccountScope(deps.db, actor.accountId).update(
    contacts,
    {
      email,
      values: mergedValues(set, clear),
      updatedAt: deps.now(),
    },
    eq(contacts.id, id),
  );
  if (!row) throw notFound("Contact");
  return presentContact(row);
}

/** The stored values with `set` merged in and `clear` removed, computed by the database. */
function mergedValues(set: Record<string, StoredFieldValue>, clear: string[]) {
  return sql`(${contacts.values} || ${JSON.stringify(set)}::jsonb)
    - array(select jsonb_array_elements_text(${JSON.stringify(clear)}::jsonb))`;
}

/** Deletes a contact with its list memberships, enrolments and Messenger rows, or 404. */
export async function deleteContact(deps: ServiceDeps, actor: Actor, id: string) {
  if ((await deleteContacts(deps, actor, [id])) === 0) throw notFound("Contact");
}

/** Ids of the account's contacts among `ids` (others are silently not the account's). */
export async function ownedContactIds(deps: ServiceDeps, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await deps.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(new AccountScope(deps.db, actor.accountId).where(contacts, inArray(contacts.id, ids)));
  return rows.map((r) => r.id);
}
