import { messengerProfiles, rowsOf, type Transaction, webhookEvents } from "@waymark/db";
import type {
  DeliveryWebhookEvent,
  EchoWebhookEvent,
  MessageWebhookEvent,
  OptinWebhookEvent,
  ReadWebhookEvent,
} from "@waymark/facebook";
import { inArray, sql } from "drizzle-orm";
import type { ClockAndDatabase } from "./clock-and-database";
import { applyReceipts, type ReceiptEvent } from "./lifecycle/apply-receipts";
import { mergeContacts } from "./merge-contacts";
import { readOptInRef } from "./opt-in-ref";
import { pgArray, unnestRows } from "./pg-array";

export interface WebhookProcessorDeps extends ClockAndDatabase {
  keys: { optInRef: Buffer };
}

/** A receipt for a message still in flight is retried this many times before it is dropped. */
const MAX_RECEIPT_ATTEMPTS = 12;

/**
 * Receipts are deleted once applied instead of kept as processed: applying one again changes
 * nothing (statuses only move forward), so a late redelivery needs no dedupe row, and a delete
 * writes no index entries where an update writes two. Opt-ins and messages stay: a late
 * duplicate of an old opt-in could move a PSID back to a contact it has since left, one of an
 * old message could lift a block recorded since.
 */
const RECEIPT_KINDS = new Set(["delivery", "read", "echo"]);

interface OptInRow {
  profile_id: string;
  contact_id: string;
  account_id: string;
  psid: string;
  at: string;
  field: string;
}

/** An opt-in without a usable ref: the person, not a known contact (SPEC §4.1). */
type AnonymousOptInRow = Omit<OptInRow, "contact_id">;

/**
 * Applies up to `limit` unprocessed inbox events (DESIGN §5), claimed with SKIP LOCKED so
 * several processes share the work. Effects are set-based and idempotent: applying an event
 * twice, or events out of order, ends in the same state. Returns how many events it handled.
 */
export async function processWebhookEvents(
  deps: WebhookProcessorDeps,
  limit = 500,
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    // In the pending index's order, so a turn reads `limit` entries, not the whole backlog.
    const claimed = await tx
      .select({
        id: webhookEvents.id,
        pageId: webhookEvents.pageId,
        kind: webhookEvents.kind,
        payload: webhookEvents.payload,
        attempts: webhookEvents.attempts,
      })
      .from(webhookEvents)
      .where(
        sql`${webhookEvents.processedAt} is null and ${webhookEvents.nextAttemptAt} <= ${deps.now().toISOString()}::timestamptz`,
      )
      .orderBy(webhookEvents.nextAttemptAt, webhookEvents.id)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (claimed.length === 0) return 0;

    const pageIds = [...new Set(claimed.map((e) => e.pageId))];
    // Key-share locked in id order before any of their rows: a profile's deletion (which locks
    // it first) then waits for this transaction, or this one for it, never both (a deadlock).
    const profiles = await tx
      .select({
        id: messengerProfiles.id,
        accountId: messengerProfiles.accountId,
        pageId: messengerProfiles.pageId,
        field: messengerProfiles.optInFieldName,
      })
      .from(messengerProfiles)
      .where(inArray(messengerProfiles.pageId, pageIds))
      .orderBy(messengerProfiles.id)
      .for("key share");
    const byPage = new Map(profiles.map((p) => [p.pageId, p]));

    const optIns = new Map<string, OptInRow>();
    const anonymous = new Map<string, AnonymousOptInRow>();
    const inbound: { page_id: string; psid: string; at: string }[] = [];
    const receipts: ReceiptEvent[] = [];
    for (const event of claimed) {
      const profile = byPage.get(event.pageId);
      if (!profile) continue;
      if (event.kind === "optin") {
        const optin = event.payload as OptinWebhookEvent;
        // A checkbox opt-in names no PSID yet: the person is known once they reply.
        if (!optin.psid) continue;
        const at = new Date(optin.timestamp).toISOString();
        const ref = optin.ref ? readOptInRef(deps.keys.optInRef, optin.ref, deps.now()) : null;
        // A ref for another profile, tampered or expired never touches the contact it names:
        // the person becomes a subscriber of their own (SPEC §4.1).
        const person = { profile_id: profile.id, account_id: profile.accountId, psid: optin.psid };
        if (!ref?.ok || ref.profileId !== profile.id) {
          keepLatest(anonymous, `${profile.id}:${optin.psid}`, {
            ...person,
            at,
            field: profile.field,
          });
          continue;
        }
        keepLatest(optIns, `${profile.id}:${ref.contactId}`, {
          ...person,
          contact_id: ref.contactId,
          at,
          field: profile.field,
        });
      } else if (event.kind === "delivery" || event.kind === "read") {
        const receipt = event.payload as DeliveryWebhookEvent | ReadWebhookEvent;
        receipts.push({
          eventId: event.id,
          kind: event.kind,
          profileId: profile.id,
          psid: receipt.psid,
          watermark: receipt.watermark,
          mids: receipt.kind === "delivery" ? receipt.mids : undefined,
          timestamp: receipt.timestamp,
        });
      } else if (event.kind === "echo") {
        const echo = event.payload as EchoWebhookEvent;
        receipts.push({
          eventId: event.id,
          kind: "echo",
          profileId: profile.id,
          psid: echo.psid,
          mid: echo.mid,
          metadata: echo.metadata,
          timestamp: echo.timestamp,
        });
      } else if (event.kind === "message") {
        const message = event.payload as MessageWebhookEvent;
        inbound.push({
          page_id: event.pageId,
          psid: message.psid,
          at: new Date(message.timestamp).toISOString(),
        });
      }
    }
    if (optIns.size > 0) {
      // A ref whose contact was deleted since is an opt-in of someone Waymark does not know.
      const refRows = [...optIns.values()];
      const known = new Set(
        rowsOf<{ id: string }>(
          await tx.execute(sql`
            select id from contacts
            where id = any(${pgArray(refRows.map((r) => r.contact_id))}::uuid[])`),
        ).map((r) => r.id),
      );
      const linked = refRows.filter((r) => known.has(r.contact_id));
      for (const { contact_id: _, ...row } of refRows.filter((r) => !known.has(r.contact_id))) {
        keepLatest(anonymous, `${row.profile_id}:${row.psid}`, row);
      }
      if (linked.length > 0) {
        await mergeSubscribersIntoRefs(tx, linked, deps.now());
        await applyOptIns(tx, linked);
      }
    }
    // After the ref opt-ins: a person linked by one in this batch is not a new subscriber.
    if (anonymous.size > 0) {
      // In key order, so two processes creating subscribers wait on each other, never in a cycle.
      const rows = [...anonymous.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
      await applyAnonymousOptIns(tx, rows, deps.now());
    }
    if (inbound.length > 0) await applyInboundMessages(tx, inbound);
    const deferred = await applyReceipts(tx, receipts);
    const retry = claimed.filter((e) => deferred.has(e.id) && e.attempts < MAX_RECEIPT_ATTEMPTS);
    const done = claimed.filter((e) => !retry.includes(e));
    const spent = done.filter((e) => RECEIPT_KINDS.has(e.kind));
    const kept = done.filter((e) => !RECEIPT_KINDS.has(e.kind));
    if (spent.length > 0) {
      await tx.delete(webhookEvents).where(
        inArray(
          webhookEvents.id,
          spent.map((e) => e.id),
        ),
      );
    }
    if (kept.length > 0) {
      await tx
        .update(webhookEvents)
        .set({ processedAt: deps.now(), attempts: sql`${webhookEvents.attempts} + 1` })
        .where(
          inArray(
            webhookEvents.id,
            kept.map((e) => e.id),
          ),
        );
    }
    if (retry.length > 0) {
      // Back off per event: 0.5 s doubling with each attempt, at most a minute.
      await tx
        .update(webhookEvents)
        .set({
          attempts: sql`${webhookEvents.attempts} + 1`,
          nextAttemptAt: sql`${deps.now().toISOString()}::timestamptz
            + least(60000, 500 * power(2, ${webhookEvents.attempts})) * interval '1 millisecond'`,
          error: "waiting for the send to be recorded",
        })
        .where(
          inArray(
            webhookEvents.id,
            retry.map((e) => e.id),
          ),
        );
    }
    return done.length;
  });
}

/**
 * Links each contact to its PSID for the profile, records the opt-in time (Facebook's), and
 * mirrors the PSID into the FBOPTIN_XXX field. A PSID that belonged to another contact of the
 * profile moves to the new one (the same person opted in again as someone else).
 */
async function applyOptIns(tx: Transaction, rows: OptInRow[]) {
  const input = unnestRows(rows, "i", {
    profile_id: ["uuid", (r) => r.profile_id],
    contact_id: ["uuid", (r) => r.contact_id],
    account_id: ["uuid", (r) => r.account_id],
    psid: ["text", (r) => r.psid],
    at: ["timestamptz", (r) => r.at],
    field: ["text", (r) => r.field],
  });
  const moved = await tx.execute(sql`
    delete from messenger_contacts m using ${input}
    where m.profile_id = i.profile_id and m.psid = i.psid and m.contact_id <> i.contact_id
    returning m.contact_id, i.field`);
  const movedRows = rowsOf<{ contact_id: string; field: string }>(moved);
  if (movedRows.length > 0) {
    await tx.execute(sql`
      update contacts c set values = c.values - x.field, updated_at = now()
      from ${unnestRows(movedRows, "x", {
        contact_id: ["uuid", (r) => r.contact_id],
        field: ["text", (r) => r.field],
      })}
      where c.id = x.contact_id`);
  }
  // A message the person wrote before this opt-in was processed (events come out of order)
  // opened the window already: it is taken from what Facebook told about the PSID. A block
  // stays recorded; whether it still holds is decided by comparing times (decide-messenger-effects).
  await tx.execute(sql`
    insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at, last_inbound_at)
    select i.profile_id, i.contact_id, i.account_id, i.psid, i.at, w.last_inbound_at
    from ${input} join contacts c on c.id = i.contact_id and c.account_id = i.account_id
    left join messenger_people w on w.profile_id = i.profile_id and w.psid = i.psid
    on conflict (profile_id, contact_id) do update set
      psid = excluded.psid, origin = 'ref',
      opted_in_at = greatest(messenger_contacts.opted_in_at, excluded.opted_in_at),
      last_inbound_at = case when messenger_contacts.psid = excluded.psid
        then greatest(messenger_contacts.last_inbound_at, excluded.last_inbound_at)
        else excluded.last_inbound_at end`);
  await tx.execute(sql`
    update contacts c set values = c.values || jsonb_build_object(i.field, i.psid), updated_at = now()
    from ${input}
    where c.id = i.contact_id and c.account_id = i.account_id`);
}

/**
 * The same person opting in through a known contact's personal link after an opt-in without
 * one (issue 18): the Messenger subscriber holding the PSID (linked `anonymous`, no email) is
 * merged into the known contact, so nothing of theirs is lost when the PSID moves.
 */
async function mergeSubscribersIntoRefs(tx: Transaction, rows: OptInRow[], now: Date) {
  const subscribers = rowsOf<{ account_id: string; source: string; target: string }>(
    await tx.execute(sql`
      select distinct on (m.contact_id) i.account_id, m.contact_id as source, i.contact_id as target
      from ${unnestRows(rows, "i", {
        profile_id: ["uuid", (r) => r.profile_id],
        contact_id: ["uuid", (r) => r.contact_id],
        account_id: ["uuid", (r) => r.account_id],
        psid: ["text", (r) => r.psid],
      })}
      join messenger_contacts m on m.profile_id = i.profile_id and m.psid = i.psid
        and m.contact_id <> i.contact_id and m.origin = 'anonymous'
      join contacts c on c.id = m.contact_id and c.email is null
      order by m.contact_id, i.contact_id`),
  );
  if (subscribers.length === 0) return;
  await mergeContacts(
    tx,
    subscribers.map((s) => ({ accountId: s.account_id, sourceId: s.source, targetId: s.target })),
    "opt-in",
    now,
  );
}

/** Keeps, per key, the row with the latest Facebook time (duplicates and late events). */
function keepLatest<R extends { at: string }>(rows: Map<string, R>, key: string, row: R) {
  const previous = rows.get(key);
  if (!previous || previous.at < row.at) rows.set(key, row);
}

/**
 * Opt-ins without a usable ref (issue 18): a person already linked on the profile only gets a
 * later opt-in time; anyone else becomes a Messenger subscriber — a contact without email whose
 * FBOPTIN_XXX field holds the PSID, linked as `anonymous`, with the name lookup due now. The
 * link is written first and the contact from what it inserted, in one statement: the profile's
 * unique (profile, PSID) key decides between duplicate events and concurrent processes, so
 * none creates a second contact (the link's foreign key is checked at the statement's end).
 */
async function applyAnonymousOptIns(tx: Transaction, rows: AnonymousOptInRow[], now: Date) {
  const input = unnestRows(rows, "i", {
    profile_id: ["uuid", (r) => r.profile_id],
    account_id: ["uuid", (r) => r.account_id],
    psid: ["text", (r) => r.psid],
    at: ["timestamptz", (r) => r.at],
    field: ["text", (r) => r.field],
  });
  await tx.execute(sql`
    with fresh as (
      select i.*, gen_random_uuid() as contact_id from ${input}
      where not exists (
        select 1 from messenger_contacts m where m.profile_id = i.profile_id and m.psid = i.psid)
      order by i.profile_id, i.psid
    ), linked as (
      insert into messenger_contacts
        (profile_id, contact_id, account_id, psid, opted_in_at, last_inbound_at, origin, name_due_at)
      select f.profile_id, f.contact_id, f.account_id, f.psid, f.at, w.last_inbound_at,
        'anonymous', ${now.toISOString()}::timestamptz
      from fresh f
      left join messenger_people w on w.profile_id = f.profile_id and w.psid = f.psid
      on conflict do nothing
      returning contact_id
    )
    insert into contacts (id, account_id, email, values)
    select f.contact_id, f.account_id, null, jsonb_build_object(f.field, f.psid)
    from linked l join fresh f on f.contact_id = l.contact_id`);
  // Also after a concurrent process linked the person first: the latest opt-in time wins.
  await tx.execute(sql`
    update messenger_contacts m set opted_in_at = greatest(m.opted_in_at, i.at)
    from ${input}
    where m.profile_id = i.profile_id and m.psid = i.psid
      and m.opted_in_at is distinct from greatest(m.opted_in_at, i.at)`);
}

/**
 * A message from a person opens the 24-hour window again, at Facebook's timestamp and never
 * backwards. It is kept per PSID as well, for a contact whose opt-in is processed later.
 */
async function applyInboundMessages(
  tx: Transaction,
  rows: { page_id: string; psid: string; at: string }[],
) {
  const latest = sql`(
    select p.id as profile_id, i.psid, max(i.at) as at
    from ${unnestRows(rows, "i", {
      page_id: ["text", (r) => r.page_id],
      psid: ["text", (r) => r.psid],
      at: ["timestamptz", (r) => r.at],
    })}
    join messenger_profiles p on p.page_id = i.page_id
    group by p.id, i.psid
  )`;
  await tx.execute(sql`
    insert into messenger_people as w (profile_id, psid, last_inbound_at)
    select x.profile_id, x.psid, x.at from ${latest} x
    on conflict (profile_id, psid) do update set
      last_inbound_at = greatest(w.last_inbound_at, excluded.last_inbound_at)`);
  await tx.execute(sql`
    update messenger_contacts m set last_inbound_at = greatest(m.last_inbound_at, x.at)
    from ${latest} x
    where m.profile_id = x.profile_id and m.psid = x.psid`);
}
