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
import { readOptInRef } from "./opt-in-ref";

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
    const profiles = await tx
      .select({
        id: messengerProfiles.id,
        accountId: messengerProfiles.accountId,
        pageId: messengerProfiles.pageId,
        field: messengerProfiles.optInFieldName,
      })
      .from(messengerProfiles)
      .where(inArray(messengerProfiles.pageId, pageIds));
    const byPage = new Map(profiles.map((p) => [p.pageId, p]));

    const optIns = new Map<string, OptInRow>();
    const inbound: { page_id: string; psid: string; at: string }[] = [];
    const receipts: ReceiptEvent[] = [];
    for (const event of claimed) {
      const profile = byPage.get(event.pageId);
      if (!profile) continue;
      if (event.kind === "optin") {
        const optin = event.payload as OptinWebhookEvent;
        if (!optin.psid || !optin.ref) continue;
        const ref = readOptInRef(deps.keys.optInRef, optin.ref, deps.now());
        // A ref for another profile, tampered or expired, changes nothing (SPEC §4.1).
        if (!ref.ok || ref.profileId !== profile.id) continue;
        const key = `${profile.id}:${ref.contactId}`;
        const at = new Date(optin.timestamp).toISOString();
        const previous = optIns.get(key);
        if (!previous || previous.at < at) {
          optIns.set(key, {
            profile_id: profile.id,
            contact_id: ref.contactId,
            account_id: profile.accountId,
            psid: optin.psid,
            at,
            field: profile.field,
          });
        }
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
    if (optIns.size > 0) await applyOptIns(tx, [...optIns.values()]);
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
  const input = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    as i(profile_id uuid, contact_id uuid, account_id uuid, psid text, at timestamptz, field text)`;
  const moved = await tx.execute(sql`
    delete from messenger_contacts m using ${input}
    where m.profile_id = i.profile_id and m.psid = i.psid and m.contact_id <> i.contact_id
    returning m.contact_id, i.field`);
  const movedRows = rowsOf<{ contact_id: string; field: string }>(moved);
  if (movedRows.length > 0) {
    await tx.execute(sql`
      update contacts c set values = c.values - x.field, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(movedRows)}::jsonb) as x(contact_id uuid, field text)
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
      psid = excluded.psid,
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
 * A message from a person opens the 24-hour window again, at Facebook's timestamp and never
 * backwards. It is kept per PSID as well, for a contact whose opt-in is processed later.
 */
async function applyInboundMessages(
  tx: Transaction,
  rows: { page_id: string; psid: string; at: string }[],
) {
  const latest = sql`(
    select p.id as profile_id, i.psid, max(i.at) as at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(page_id text, psid text, at timestamptz)
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
