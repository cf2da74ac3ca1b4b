import { rowsOf, type Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";
import { bumpStats } from "./bump-stats";

export interface ReceiptEvent {
  eventId: number;
  kind: "delivery" | "read" | "echo";
  profileId: string;
  psid: string;
  watermark?: number;
  mids?: string[];
  mid?: string;
  metadata?: string;
  timestamp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies delivery, read and echo events to messages, monotonically (status only moves forward,
 * an older watermark changes nothing) and counting each transition once. Returns the events
 * that must wait because a message to that person is still in flight (its outcome not yet
 * recorded), so a receipt that beats its send is applied once the send is.
 */
export async function applyReceipts(tx: Transaction, events: ReceiptEvent[]): Promise<Set<number>> {
  const deferred = new Set<number>();
  if (events.length === 0) return deferred;
  const keys = JSON.stringify(events.map((e) => ({ profile_id: e.profileId, psid: e.psid })));
  const busy = rowsOf<{ profile_id: string; psid: string }>(
    await tx.execute(sql`
      select distinct m.profile_id, m.psid from messenger_messages m
      join jsonb_to_recordset(${keys}::jsonb) as k(profile_id uuid, psid text)
        on m.profile_id = k.profile_id and m.psid = k.psid
      where m.status = 'in_flight'`),
  );
  const inFlight = new Set(busy.map((b) => `${b.profile_id}:${b.psid}`));
  const ready = events.filter((e) => {
    if (e.kind !== "echo" && inFlight.has(`${e.profileId}:${e.psid}`)) {
      deferred.add(e.eventId);
      return false;
    }
    return true;
  });

  await settleEchoes(
    tx,
    ready.filter((e) => e.kind === "echo" && e.metadata && UUID.test(e.metadata)),
  );
  await markDelivered(
    tx,
    ready.filter((e) => e.kind === "delivery"),
  );
  await markRead(
    tx,
    ready.filter((e) => e.kind === "read"),
  );
  return deferred;
}

/** An echo carrying our message id settles an unknown outcome as sent. */
async function settleEchoes(tx: Transaction, echoes: ReceiptEvent[]) {
  if (echoes.length === 0) return;
  const input = JSON.stringify(
    echoes.map((e) => ({
      id: e.metadata,
      mid: e.mid ?? null,
      at: new Date(e.timestamp).toISOString(),
    })),
  );
  const settled = rowsOf<{ profile_id: string; day: string; reason: string | null }>(
    await tx.execute(sql`
      with old as (
        select m.id, m.reason from messenger_messages m
        join jsonb_to_recordset(${input}::jsonb) as e(id uuid, mid text, at timestamptz) on m.id = e.id
        where m.status = 'unknown' for update of m
      )
      update messenger_messages m set status = 'sent', fb_message_id = coalesce(e.mid, m.fb_message_id),
        sent_at = coalesce(m.sent_at, e.at), reason = null, error_code = null, error_subcode = null, error_message = null
      from jsonb_to_recordset(${input}::jsonb) as e(id uuid, mid text, at timestamptz), old
      where m.id = e.id and old.id = m.id
      returning m.profile_id, m.day::text as day, old.reason`),
  );
  await bumpStats(
    tx,
    settled.map((s) => ({ profile_id: s.profile_id, day: s.day, unknown: -1, sent: 1 })),
    settled.map((s) => ({
      profile_id: s.profile_id,
      day: s.day,
      kind: "unknown",
      reason: s.reason ?? "unknown",
      delta: -1,
    })),
  );
}

function receiptInput(events: ReceiptEvent[]) {
  return JSON.stringify(
    events.map((e) => ({
      profile_id: e.profileId,
      psid: e.psid,
      watermark: new Date(e.watermark ?? 0).toISOString(),
      mids: e.mids ?? [],
    })),
  );
}

/** Messages named in `mids`, or sent up to the watermark, become delivered (once). */
async function markDelivered(tx: Transaction, events: ReceiptEvent[]) {
  if (events.length === 0) return;
  const moved = rowsOf<{ profile_id: string; day: string }>(
    await tx.execute(sql`
      with r as (
        select * from jsonb_to_recordset(${receiptInput(events)}::jsonb)
          as r(profile_id uuid, psid text, watermark timestamptz, mids jsonb)
      ), targets as (
        select distinct m.id, max(r.watermark) over (partition by m.id) as at
        from messenger_messages m join r on m.profile_id = r.profile_id and m.psid = r.psid
        where m.status = 'sent'
          and (m.sent_at <= r.watermark or r.mids ? m.fb_message_id)
      )
      update messenger_messages m set status = 'delivered', delivered_at = t.at
      from targets t where m.id = t.id and m.status = 'sent'
      returning m.profile_id, m.day::text as day`),
  );
  await bumpStats(
    tx,
    moved.map((m) => ({ profile_id: m.profile_id, day: m.day, delivered: 1 })),
  );
}

/** Messages sent up to the watermark become read; read implies delivered. */
async function markRead(tx: Transaction, events: ReceiptEvent[]) {
  if (events.length === 0) return;
  const moved = rowsOf<{ profile_id: string; day: string; was_sent: boolean }>(
    await tx.execute(sql`
      with r as (
        select * from jsonb_to_recordset(${receiptInput(events)}::jsonb)
          as r(profile_id uuid, psid text, watermark timestamptz, mids jsonb)
      ), targets as (
        select m.id, m.status = 'sent' as was_sent, max(r.watermark) as at
        from messenger_messages m join r on m.profile_id = r.profile_id and m.psid = r.psid
        where m.status in ('sent', 'delivered') and m.sent_at <= r.watermark
        group by m.id, m.status
      )
      update messenger_messages m set status = 'read', read_at = t.at,
        delivered_at = coalesce(m.delivered_at, t.at)
      from targets t where m.id = t.id and m.status in ('sent', 'delivered')
      returning m.profile_id, m.day::text as day, t.was_sent`),
  );
  await bumpStats(
    tx,
    moved.map((m) => ({
      profile_id: m.profile_id,
      day: m.day,
      read: 1,
      delivered: m.was_sent ? 1 : 0,
    })),
  );
}
