import { rowsOf, type Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";
import { unnestRows } from "../pg-array";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";

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

/** The status moves of one call, counted together in one statistics write. */
interface Counts {
  moves: StatusMove[];
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
  const keys = unnestRows(events, "k", {
    profile_id: ["uuid", (e) => e.profileId],
    psid: ["text", (e) => e.psid],
  });
  const busy = rowsOf<{ profile_id: string; psid: string }>(
    await tx.execute(sql`
      select distinct m.profile_id, m.psid from messenger_messages m
      join ${keys}
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

  const counts: Counts = { moves: [] };
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
  await countMoves(tx, counts.moves);
  return deferred;
}

/**
 * An echo carrying our message id is proof Facebook accepted it: a message not yet recorded as
 * accepted (unknown, failed, queued for a retry, held) becomes sent, or delivered or read at
 * once when a receipt kept for its person (see keepWatermarks) already covers its echo's time.
 */
async function settleEchoes(tx: Transaction, echoes: ReceiptEvent[], counts: Counts) {
  if (echoes.length === 0) return;
  const input = unnestRows(echoes, "e", {
    id: ["uuid", (e) => e.metadata ?? null],
    mid: ["text", (e) => e.mid ?? null],
    at: ["timestamptz", (e) => new Date(e.timestamp).toISOString()],
  });
  const tz = sql`old.time_zone`;
  // Read implies delivered: by the delivery watermark if it covers the message, else at the read.
  const deliveredAt = sql`case when old.delivered_until >= old.sent_at
      then least(old.delivered_until, case when old.read_until >= old.sent_at then old.read_until end)
    when old.read_until >= old.sent_at then old.read_until end`;
  const settled = rowsOf<StatusMove>(
    await tx.execute(sql`
      with old as (
        select m.id, m.status, m.reason, coalesce(m.sent_at, e.at) as sent_at, e.mid,
          w.delivered_until, w.read_until, a.time_zone
        from messenger_messages m
        join ${input} on m.id = e.id
        join accounts a on a.id = m.account_id
        left join messenger_people w on w.profile_id = m.profile_id and w.psid = m.psid
        where ${movedBy("echo", sql`m.status`)} for update of m
      )
      update messenger_messages m set
        status = case when old.read_until >= old.sent_at then ${movedTo("sent", "read")}
          when old.delivered_until >= old.sent_at then ${movedTo("sent", "delivery")}
          else ${movedTo("unknown", "echo")} end,
        fb_message_id = coalesce(old.mid, m.fb_message_id), sent_at = old.sent_at,
        sent_day = ${localDaySql(sql`old.sent_at`, tz)},
        delivered_at = ${deliveredAt},
        delivered_day = ${localDaySql(deliveredAt, tz)},
        read_at = case when old.read_until >= old.sent_at then old.read_until end,
        read_day = case when old.read_until >= old.sent_at then ${localDaySql(sql`old.read_until`, tz)} end,
        reason = null, error_code = null, error_subcode = null, error_message = null,
        lease_until = null, call_started_at = null
      from old
      where m.id = old.id
      returning m.profile_id, m.day::text as day, m.sent_day::text as sent_day,
        m.delivered_day::text as delivered_day, m.read_day::text as read_day,
        old.status as from, m.status as to, old.reason as from_reason`),
  );
  counts.moves.push(...settled);
}

/**
 * Keeps the latest receipt watermarks of people who have a message whose outcome is unknown
 * and whose mid Waymark does not know: if its echo comes later, the receipt still applies.
 */
async function keepWatermarks(tx: Transaction, events: ReceiptEvent[], kind: "delivery" | "read") {
  const column = kind === "delivery" ? sql.raw("delivered_until") : sql.raw("read_until");
  await tx.execute(sql`
    insert into messenger_people as w (profile_id, psid, ${column})
    select r.profile_id, r.psid, max(r.watermark)
    from ${receiptInput(events)}
    where exists (
      select 1 from messenger_messages m
      where m.profile_id = r.profile_id and m.psid = r.psid and m.status = 'unknown'
        and m.fb_message_id is null)
    group by r.profile_id, r.psid
    on conflict (profile_id, psid) do update set
      ${column} = greatest(w.${column}, excluded.${column})`);
}

/** Receipts as rows `r(profile_id, psid, watermark, mids)`, `mids` a JSON array of text. */
function receiptInput(events: ReceiptEvent[]) {
  return unnestRows(events, "r", {
    profile_id: ["uuid", (e) => e.profileId],
    psid: ["text", (e) => e.psid],
    watermark: ["timestamptz", (e) => new Date(e.watermark ?? 0).toISOString()],
    mids: ["jsonb", (e) => JSON.stringify(e.mids ?? [])],
  });
}

// Each receipt probes its messages in a lateral subquery (`offset 0`/`union all` keep it from a
// hash join the planner picks on statistics taken before the sends). An update applies only if the
// status is still the one read (`was`): a message another processor moved is left to that one.

/**
 * Messages named in `mids`, or sent up to the watermark, become delivered (once). A delivery
 * naming the mid an echo stamped on a message whose outcome is unknown settles it: it was sent.
 */
async function markDelivered(tx: Transaction, events: ReceiptEvent[], counts: Counts) {
  if (events.length === 0) return;
  const moved = rowsOf<StatusMove>(
    await tx.execute(sql`
      with targets as (
        select m.id, m.status as was, m.reason, max(r.watermark) as at
        from ${receiptInput(events)}
        cross join lateral (
          select m.id, m.status, m.reason from messenger_messages m
          where m.profile_id = r.profile_id and m.psid = r.psid and ${movedBy("delivery", sql`m.status`)}
            and ((m.status = 'sent' and m.sent_at <= r.watermark) or r.mids ? m.fb_message_id)
          offset 0
        ) m
        group by m.id, m.status, m.reason
      )
      update messenger_messages m set status = ${movedTo("sent", "delivery")}, delivered_at = t.at,
        delivered_day = ${localDaySql(sql`t.at`, sql`a.time_zone`)},
        sent_at = coalesce(m.sent_at, t.at),
        sent_day = coalesce(m.sent_day, ${localDaySql(sql`t.at`, sql`a.time_zone`)}), reason = null
      from targets t, accounts a where m.id = t.id and m.status = t.was and a.id = m.account_id
      returning m.profile_id, m.day::text as day, m.sent_day::text as sent_day,
        m.delivered_day::text as delivered_day, t.was as from, m.status as to, t.reason as from_reason`),
  );
  counts.moves.push(...moved);
  await keepWatermarks(tx, events, "delivery");
}

/** Messages sent up to the watermark become read; read implies delivered. */
async function markRead(tx: Transaction, events: ReceiptEvent[], counts: Counts) {
  if (events.length === 0) return;
  const moved = rowsOf<StatusMove>(
    await tx.execute(sql`
      with targets as (
        select m.id, m.status as was, max(r.watermark) as at
        from ${receiptInput(events)}
        cross join lateral (
          select m.id, m.status from messenger_messages m
          where m.profile_id = r.profile_id and m.psid = r.psid and ${movedBy("read", sql`m.status`, ["sent"])}
            and m.sent_at <= r.watermark
          union all
          select m.id, m.status from messenger_messages m
          where m.profile_id = r.profile_id and m.psid = r.psid and ${movedBy("read", sql`m.status`, ["delivered"])}
            and m.sent_at <= r.watermark
        ) m
        group by m.id, m.status
      )
      update messenger_messages m set status = ${movedTo("delivered", "read")}, read_at = t.at,
        read_day = ${localDaySql(sql`t.at`, sql`a.time_zone`)},
        delivered_at = coalesce(m.delivered_at, t.at),
        delivered_day = coalesce(m.delivered_day, ${localDaySql(sql`t.at`, sql`a.time_zone`)})
      from targets t, accounts a where m.id = t.id and m.status = t.was and a.id = m.account_id
      returning m.profile_id, m.day::text as day, m.sent_day::text as sent_day,
        m.delivered_day::text as delivered_day, m.read_day::text as read_day,
        t.was as from, m.status as to`),
  );
  counts.moves.push(...moved);
  await keepWatermarks(tx, events, "read");
}
