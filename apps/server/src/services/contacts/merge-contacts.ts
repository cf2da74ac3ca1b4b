import { contactMerges, rowsOf } from "@waymark/db";
import type { ContactMergePreview, ContactMergeResult } from "@waymark/domain";
import { type MergeOutcome, mergeContacts } from "@waymark/engine";
import { and, eq, sql } from "drizzle-orm";
import { invalidField, notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";

/**
 * 404 for a contact id that is gone; for one merged into another, it says so and names the
 * contact it went into (`details.mergedInto`), so an API client can follow it.
 */
export async function missingContact(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceError> {
  const [pointer] = await deps.db
    .select({ targetId: contactMerges.targetId })
    .from(contactMerges)
    .where(and(eq(contactMerges.sourceId, id), eq(contactMerges.accountId, actor.accountId)));
  if (!pointer) return notFound("Contact");
  return new ServiceError(404, "contact_merged", "This contact was merged into another contact", {
    mergedInto: pointer.targetId,
  });
}

/** Merges contact `fromId` into `contactId` by hand (issue 18): one transaction, idempotent. */
export async function mergeContactInto(
  deps: ServiceDeps,
  actor: Actor,
  contactId: string,
  fromId: string,
): Promise<ContactMergeResult> {
  if (contactId === fromId) throw invalidField("from", "must be another contact");
  const [outcome] = await deps.db.transaction((tx) =>
    mergeContacts(
      tx,
      [{ accountId: actor.accountId, sourceId: fromId, targetId: contactId }],
      "manual",
      deps.now(),
    ),
  );
  return presentOutcome(deps, actor, outcome!);
}

async function presentOutcome(
  deps: ServiceDeps,
  actor: Actor,
  outcome: MergeOutcome,
): Promise<ContactMergeResult> {
  if (outcome.status === "not_found") {
    // Say which one is missing: the target (the path) or the contact to merge (`from`).
    const [target] = rowsOf<{ id: string }>(
      await deps.db.execute(sql`select id from contacts
        where id = ${outcome.targetId}::uuid and account_id = ${actor.accountId}::uuid`),
    );
    if (!target) throw await missingContact(deps, actor, outcome.targetId);
    throw invalidField("from", "is not a contact of this account");
  }
  if (outcome.status === "merged_elsewhere") {
    throw new ServiceError(
      409,
      "contact_merged",
      "That contact was already merged into another contact",
      {
        fields: { from: "was already merged into another contact" },
        mergedInto: outcome.mergedInto,
      },
    );
  }
  return {
    status: outcome.status,
    contactId: outcome.targetId,
    mergedContactId: outcome.sourceId,
    filledFields: outcome.filledFields,
    emailFromMerged: outcome.emailFromSource,
    listsAdded: outcome.listsAdded,
    enrolmentsMoved: outcome.enrolmentsMoved,
    enrolmentsEnded: outcome.enrolmentsEnded,
    messengerLinksMoved: outcome.messengerLinksMoved,
    messagesMoved: outcome.messagesMoved,
  };
}

type PreviewContact = ContactMergePreview["contact"];

/** What merging `fromId` into `contactId` would keep, computed without writing anything. */
export async function previewMerge(
  deps: ServiceDeps,
  actor: Actor,
  contactId: string,
  fromId: string,
): Promise<ContactMergePreview> {
  if (contactId === fromId) throw invalidField("from", "must be another contact");
  const found = rowsOf<PreviewContact>(
    await deps.db.execute(sql`select id, email, values from contacts
      where id in (${contactId}::uuid, ${fromId}::uuid) and account_id = ${actor.accountId}::uuid`),
  );
  const contact = found.find((c) => c.id === contactId);
  if (!contact) throw await missingContact(deps, actor, contactId);
  const from = found.find((c) => c.id === fromId);
  if (!from) throw invalidField("from", "is not a contact of this account");
  // The rule of the merge (packages/engine merge-contacts.ts): the contact's non-empty values win.
  const filledFields = Object.entries(from.values)
    .filter(([name, value]) => value !== "" && (contact.values[name] ?? "") === "")
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const listsAdded = rowsOf<{ id: string; name: string }>(
    await deps.db.execute(sql`
      select l.id, l.name from list_members m join lists l on l.id = m.list_id
      where m.contact_id = ${fromId}::uuid and not exists (select 1 from list_members t
        where t.list_id = m.list_id and t.contact_id = ${contactId}::uuid)
      order by lower(l.name)`),
  );
  const programs = rowsOf<ContactMergePreview["programs"][number]>(
    await deps.db.execute(sql`
      select p.id, p.name, e.state, (e.state = 'active' and exists (select 1 from enrolments t
        where t.contact_id = ${contactId}::uuid and t.program_id = e.program_id
          and t.state = 'active')) as ends
      from enrolments e join programs p on p.id = e.program_id
      where e.contact_id = ${fromId}::uuid order by e.entered_at desc limit 50`),
  );
  const [messages] = rowsOf<{ n: number }>(
    await deps.db.execute(
      sql`select count(*)::int as n from messenger_messages where contact_id = ${fromId}::uuid`,
    ),
  );
  return {
    contact,
    from,
    email: contact.email ?? from.email,
    filledFields,
    listsAdded,
    programs,
    messagesMoved: messages?.n ?? 0,
  };
}
