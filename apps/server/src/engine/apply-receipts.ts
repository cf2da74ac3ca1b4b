import { rowsOf, type Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";
import { bumpStats, type ReasonDelta, type StatDelta } from "./bump-stats";

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

/** The Waymark message an echo is of: the id the sender put in `metadata`, if it is one. */
export function echoedMessageId(echo: { metadata?: string }): string | null {
  return echo.metadata && UUID.test(echo.metadata) ? echo.metadata : null;
}

interface Counts {
  stats: StatDelta[];
  reasons: ReasonDelta[];
}

/**
 * Applies delivery, read and echo events to messages, monotonically (status only moves forward,
 * an older watermark changes nothing) and counting each transition once, in one statistics
 * write per call. Returns the events that must wait because a message to that person is still
 * in flight (its outcome not yet recorded), so a receipt that beats its send is applied once
 * the send is. That includes the rare echo that reaches the inbox while its message is in
 * flight (see receiveWebhook): should the outcome be recorded as unknown, the echo settles it.
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
    if (inFlight.has(`${e.profileId}:${e.psid}`)) {
      deferred.add(e.eventId);
      return false;
    }
    return true;
  });

  const counts: Counts = { stats: [], reasons: [] };
  await settleEchoes(
    tx,
    ready.filter((e) => e.kind === "echo" && echoedMessageId(e)),
    counts,
  );
  await markDelivered(
    tx,
    ready.filter((e) => e.kind === "delivery"),
    counts,
  );
  await markRead(
    tx,
    ready.filter((e) => e.kind === "read"),
    counts,
  );
  await bumpStats(tx, counts.stats, counts.reasons);
  return deferred;
}

/** An echo carrying our message id settles an unknown outcome as sent. */
async function settleEchoes(tx: Transaction, echoes: ReceiptEvent[], counts: Counts) {
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
  for (const s of settled) {
    counts.stats.push({ profile_id: s.profile_id, day: s.day, unknown: -1, sent: 1 });
    counts.reasons.push(unknownReasonGone(s));
  }
}

function unknownReasonGone(m: { profile_id: string; day: string; reason: string | null }) {
  return {
    profile_id: m.profile_id,
    day: m.day,
    kind: "unknown",
    reason: m.reason ?? "unknown",
    delta: -1,
  } satisfies ReasonDelta;
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

// The receipts' messages are looked up per receipt in lateral subqueries (`offset 0` or `union
// all` keep them from being flattened into a join): they stay index probes of the partial
// indexes on (profile, psid, sent_at) (a person has few unreceipted messages) instead of a
// hash join over every sent message, which is what the planner picks when its statistics date
// from before the sends. An update applies only if the status is still the one read (`was`): a
// message another processor moved meanwhile is left to that one, so nothing counts twice.

/**
 * Messages named in `mids`, or sent up to the watermark, become delivered (once). A delivery
 * naming the mid an echo stamped on a message whose outcome is unknown settles it: it was sent.
 */
async function markDelivered(tx: Transaction, events: ReceiptEvent[], counts: Counts) {
  if (events.length === 0) return;
  const moved = rowsOf<{ profile_id: string; day: string; was: string; reason: string | null }>(
    await tx.execute(sql`
      with targets as (
        select m.id, m.status as was, m.reason, max(r.watermark) as at
        from jsonb_to_recordset(${receiptInput(events)}::jsonb)
          as r(profile_id uuid, psid text, watermark timestamptz, mids jsonb)
        cross join lateral (
          select m.id, m.status, m.reason from messenger_messages m
          where m.profile_id = r.profile_id and m.psid = r.psid and m.status in ('sent', 'unknown')
            and ((m.status = 'sent' and m.sent_at <= r.watermark) or r.mids ? m.fb_message_id)
          offset 0
        ) m
        group by m.id, m.status, m.reason
      )
      update messenger_messages m set status = 'delivered', delivered_at = t.at,
        sent_at = coalesce(m.sent_at, t.at), reason = null
      from targets t where m.id = t.id and m.status = t.was
      returning m.profile_id, m.day::text as day, t.was, t.reason`),
  );
  for (const m of moved) {
    const settled = m.was === "unknown";
    counts.stats.push({
      profile_id: m.profile_id,
      day: m.day,
      delivered: 1,
      ...(settled && { sent: 1, unknown: -1 }),
    });
    if (settled) counts.reasons.push(unknownReasonGone(m));
  }
}

/** Messages sent up to the watermark become read; read implies delivered. */
async function markRead(tx: Transaction, events: ReceiptEvent[], counts: Counts) {
  if (events.length === 0) return;
  const moved = rowsOf<{ profile_id: string; day: string; was_sent: boolean }>(
    await tx.execute(sql`
      with targets as (
        select m.id, m.status as was, max(r.watermark) as at
        from jsonb_to_recordset(${receiptInput(events)}::jsonb)
          as r(profile_id uuid, psid text, watermark timestamptz, mids jsonb)
        cross join lateral (
          select m.id, m.status from messenger_messages m
          where m.profile_id = r.profile_id and m.psid = r.psid and m.status = 'sent'
            and m.sent_at <= r.watermark
          union all
          select m.id, m.status from messenger_messages m
          where m.profile_id = r.profile_id and m.psid = r.psid and m.status = 'delivered'
            and m.sent_at <= r.watermark
        ) m
        group by m.id, m.status
      )
      update messenger_messages m set status = 'read', read_at = t.at,
        delivered_at = coalesce(m.delivered_at, t.at)
      from targets t where m.id = t.id and m.status = t.was
      returning m.profile_id, m.day::text as day, t.was = 'sent' as was_sent`),
  );
  for (const m of moved) {
    counts.stats.push({
      profile_id: m.profile_id,
      day: m.day,
      read: 1,
      delivered: m.was_sent ? 1 : 0,
    });
  }
}
