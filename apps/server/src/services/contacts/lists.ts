import { AccountScope, contacts, listMembers, lists, programs, rowsOf } from "@waymark/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { invalidField, notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { encodeCursor, pgTimestamptzText } from "../page-cursor";
import { requireEmail } from "./contacts";

function requireListName(raw: string): string {
  const name = raw.trim();
  if (name === "" || name.length > 100) {
    const message = name === "" ? "is required" : "must be at most 100 characters";
    throw invalidField("name", message);
  }
  return name;
}

function nameTaken(name: string) {
  return new ServiceError(409, "list_exists", `A list called '${name}' already exists`, {
    fields: { name: "already exists" },
  });
}

/** The account's lists with their member counts, by name. */
export async function listLists(deps: ServiceDeps, actor: Actor) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const rows = await deps.db
    .select({
      id: lists.id,
      name: lists.name,
      createdAt: lists.createdAt,
      memberCount: sql<number>`(select count(*)::int from ${listMembers} where ${listMembers.listId} = ${lists.id})`,
    })
    .from(lists)
    .where(scope.where(lists))
    .orderBy(asc(sql`lower(${lists.name})`));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One list of the account with its member count. */
export async function getList(deps: ServiceDeps, actor: Actor, id: string) {
  const all = await listLists(deps, actor);
  const list = all.find((l) => l.id === id);
  if (!list) throw notFound("List");
  return list;
}

/** Creates a list; names are unique per account, ignoring case. */
export async function createList(deps: ServiceDeps, actor: Actor, rawName: string) {
  const name = requireListName(rawName);
  const [row] = await deps.db
    .insert(lists)
    .values({ accountId: actor.accountId, name })
    .onConflictDoNothing()
    .returning();
  if (!row) throw nameTaken(name);
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), memberCount: 0 };
}

/** Renames a list. */
export async function renameList(deps: ServiceDeps, actor: Actor, id: string, rawName: string) {
  const name = requireListName(rawName);
  const scope = new AccountScope(deps.db, actor.accountId);
  const [clash] = await scope.select(
    lists,
    sql`lower(${lists.name}) = lower(${name}) and ${lists.id} <> ${id}`,
  );
  if (clash) throw nameTaken(name);
  const [row] = await scope.update(lists, { name }, eq(lists.id, id));
  if (!row) throw notFound("List");
  return getList(deps, actor, id);
}

/** Deletes a list (its contacts stay); refused while an active program enrols from it. */
export async function deleteList(deps: ServiceDeps, actor: Actor, id: string) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [list] = await scope.select(lists, eq(lists.id, id));
  if (!list) throw notFound("List");
  const users = await deps.db
    .select({ name: programs.name })
    .from(programs)
    .where(scope.where(programs, eq(programs.startListId, id), eq(programs.status, "active")));
  if (users.length > 0) {
    const names = users.map((p) => `'${p.name}'`).join(", ");
    throw new ServiceError(
      409,
      "list_in_use",
      `'${list.name}' enrols contacts into active ${users.length === 1 ? "program" : "programs"} ${names}; deactivate ${users.length === 1 ? "it" : "them"} first`,
      { programs: users.map((p) => p.name) },
    );
  }
  await scope.delete(lists, eq(lists.id, id));
}

/**
 * Adds contacts to a list by id and/or email. Unknown ids or emails (or another account's) are
 * reported, not added; adding a member twice is harmless.
 */
export async function addToList(
  deps: ServiceDeps,
  actor: Actor,
  listId: string,
  input: { contactIds?: string[]; emails?: string[] },
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [list] = await scope.select(lists, eq(lists.id, listId));
  if (!list) throw notFound("List");
  const ids = [...new Set(input.contactIds ?? [])];
  const emails = [...new Set((input.emails ?? []).map((e, i) => requireEmail(e, `emails.${i}`)))];
  const found =
    ids.length + emails.length === 0
      ? []
      : await deps.db
          .select({ id: contacts.id, email: contacts.email })
          .from(contacts)
          .where(
            scope.where(
              contacts,
              sql`(${ids.length > 0 ? inArray(contacts.id, ids) : sql`false`} or ${emails.length > 0 ? inArray(contacts.email, emails) : sql`false`})`,
            ),
          );
  const foundIds = new Set(found.map((c) => c.id));
  const foundEmails = new Set(found.map((c) => c.email));
  let added = 0;
  if (found.length > 0) {
    const result = await deps.db
      .insert(listMembers)
      .values(found.map((c) => ({ listId, contactId: c.id, accountId: actor.accountId })))
      .onConflictDoNothing()
      .returning({ contactId: listMembers.contactId });
    added = result.length;
  }
  return {
    added,
    alreadyMembers: found.length - added,
    notFound: [
      ...ids
        .filter((id) => !foundIds.has(id))
        .map((id) => ({ contactId: id, reason: "no such contact" })),
      ...emails
        .filter((e) => !foundEmails.has(e))
        .map((email) => ({ email, reason: "no such contact" })),
    ],
  };
}

/** Removes a contact from a list. */
export async function removeFromList(
  deps: ServiceDeps,
  actor: Actor,
  listId: string,
  contactId: string,
) {
  const deleted = await deps.db
    .delete(listMembers)
    .where(
      and(
        eq(listMembers.accountId, actor.accountId),
        eq(listMembers.listId, listId),
        eq(listMembers.contactId, contactId),
      ),
    )
    .returning();
  if (deleted.length === 0) throw notFound("List member");
}

/** Where a page of members ends: the last row's added_at (as PostgreSQL prints it) and id. */
export const memberCursor = z.tuple([pgTimestamptzText, z.uuid()]);

/** A page of a list's members, most recently added first; keyset-paginated. */
export async function listMembersPage(
  deps: ServiceDeps,
  actor: Actor,
  listId: string,
  query: { cursor?: z.output<typeof memberCursor>; limit: number },
) {
  await getList(deps, actor, listId);
  let after = sql`true`;
  if (query.cursor) {
    const [addedAt, id] = query.cursor;
    after = sql`(m.added_at, m.contact_id) < (${addedAt}::timestamptz, ${id}::uuid)`;
  }
  const result = await deps.db.execute(sql`
    select c.id, c.email, c.values, m.added_at, m.added_at::text as sort_key
    from list_members m join contacts c on c.id = m.contact_id
    where m.list_id = ${listId} and m.account_id = ${actor.accountId} and ${after}
    order by m.added_at desc, m.contact_id desc
    limit ${query.limit + 1}`);
  const rows = rowsOf<{
    id: string;
    email: string | null;
    values: Record<string, string | number | boolean>;
    added_at: string | Date;
    sort_key: string;
  }>(result);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    members: page.map((r) => ({
      id: r.id,
      email: r.email,
      values: r.values,
      addedAt: new Date(r.added_at).toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}
