import { messengerPeople, named, rowsOf, type Transaction, tableAs } from "@waymark/db";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { unnestRows } from "../pg-array";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";
import { account as a, message as m } from "./tables";

const w = alias(messengerPeople, "w");

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
      select distinct ${m.profileId} as profile_id, ${m.psid} as psid from ${tableAs(m)}
      join ${keys}
        on ${m.profileId} = k.profile_id and ${m.psid} = k.psid
      where ${m.status} = 'in_flight'`),
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
        select ${m.id} as id, ${m.status} as status, ${m.reason} as reason,
          coalesce(${m.sentAt}, e.at) as sent_at, e.mid, ${w.deliveredUntil} as delivered_until,
          ${w.readUntil} as read_until, ${a.timeZone} as time_zone
        from ${tableAs(m)}
        join ${input} on ${m.id} = e.id
        join ${tableAs(a)} on ${a.id} = ${m.accountId}
        left join ${tableAs(w)} on ${w.profileId} = ${m.profileId} and ${w.psid} = ${m.psid}
        where ${movedBy("echo", m.status)} for update of ${m}
      )
      update ${tableAs(m)} set
        ${named(m.status)} = case when old.read_until >= old.sent_at then ${movedTo("sent", "read")}
          when old.delivered_until >= old.sent_at then ${movedTo("sent", "delivery")}
          else ${movedTo("unknown", "echo")} end,
        ${named(m.fbMessageId)} = coalesce(old.mid, ${m.fbMessageId}), ${named(m.sentAt)} = old.sent_at,
        ${named(m.sentDay)} = ${localDaySql(sql`old.sent_at`, tz)},
        ${named(m.deliveredAt)} = ${deliveredAt},
        ${named(m.deliveredDay)} = ${localDaySql(deliveredAt, tz)},
        ${named(m.readAt)} = case when old.read_until >= old.sent_at then old.read_until end,
        ${named(m.readDay)} = case when old.read_until >= old.sent_at
          then ${localDaySql(sql`old.read_until`, tz)} end,
        ${sql.join(
          [
            m.reason,
            m.errorCode,
            m.errorSubcode,
            m.errorMessage,
            m.leaseUntil,
            m.callStartedAt,
          ].map((c) => sql`${named(c)} = null`),
          sql`, `,
        )}
      from old
      where ${m.id} = old.id
      returning ${m.profileId} as profile_id, ${m.day}::text as day, ${m.sentDay}::text as sent_day,
        ${m.deliveredDay}::text as delivered_day, ${m.readDay}::text as read_day,
        old.status as from, ${m.status} as to, old.reason as from_reason`),
  );
  counts.moves.push(...settled);
}

/**
 * Keeps the latest receipt watermarks of people who have a message whose outcome is unknown
 * and whose mid Waymark does not know: if its echo comes later, the receipt still applies.
 */
async function keepWatermarks(tx: Transaction, events: ReceiptEvent[], kind: "delivery" | "read") {
  const column = kind === "delivery" ? w.deliveredUntil : w.readUntil;
  await tx.execute(sql`
    insert into ${tableAs(w)} (${named(w.profileId)}, ${named(w.psid)}, ${named(column)})
    select r.profile_id, r.psid, max(r.watermark)
    from ${receiptInput(events)}
    where exists (
      select 1 from ${tableAs(m)}
      where ${m.profileId} = r.profile_id and ${m.psid} = r.psid and ${m.status} = 'unknown'
        and ${m.fbMessageId} is null)
    group by r.profile_id, r.psid
    on conflict (${named(w.profileId)}, ${named(w.psid)}) do update set
      ${named(column)} = greatest(${column}, excluded.${named(column)})`);
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
        select x.id, x.status as was, x.reason, max(r.watermark) as at
        from ${receiptInput(events)}
        cross join lateral (
          select ${m.id} as id, ${m.status} as status, ${m.reason} as reason from ${tableAs(m)}
          where ${m.profileId} = r.profile_id and ${m.psid} = r.psid and ${movedBy("delivery", m.status)}
            and ((${m.status} = 'sent' and ${m.sentAt} <= r.watermark) or r.mids ? ${m.fbMessageId})
          offset 0
        ) x
        group by x.id, x.status, x.reason
      )
      update ${tableAs(m)} set ${named(m.status)} = ${movedTo("sent", "delivery")},
        ${named(m.deliveredAt)} = t.at,
        ${named(m.deliveredDay)} = ${localDaySql(sql`t.at`, a.timeZone)},
        ${named(m.sentAt)} = coalesce(${m.sentAt}, t.at),
        ${named(m.sentDay)} = coalesce(${m.sentDay}, ${localDaySql(sql`t.at`, a.timeZone)}),
        ${named(m.reason)} = null
      from targets t, ${tableAs(a)} where ${m.id} = t.id and ${m.status} = t.was and ${a.id} = ${m.accountId}
      returning ${m.profileId} as profile_id, ${m.day}::text as day, ${m.sentDay}::text as sent_day,
        ${m.deliveredDay}::text as delivered_day, t.was as from, ${m.status} as to, t.reason as from_reason`),
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
        select x.id, x.status as was, max(r.watermark) as at
        from ${receiptInput(events)}
        cross join lateral (
          select ${m.id} as id, ${m.status} as status from ${tableAs(m)}
          where ${m.profileId} = r.profile_id and ${m.psid} = r.psid and ${movedBy("read", m.status, ["sent"])}
            and ${m.sentAt} <= r.watermark
          union all
          select ${m.id}, ${m.status} from ${tableAs(m)}
          where ${m.profileId} = r.profile_id and ${m.psid} = r.psid and ${movedBy("read", m.status, ["delivered"])}
            and ${m.sentAt} <= r.watermark
        ) x
        group by x.id, x.status
      )
      update ${tableAs(m)} set ${named(m.status)} = ${movedTo("delivered", "read")}, ${named(m.readAt)} = t.at,
        ${named(m.readDay)} = ${localDaySql(sql`t.at`, a.timeZone)},
        ${named(m.deliveredAt)} = coalesce(${m.deliveredAt}, t.at),
        ${named(m.deliveredDay)} = coalesce(${m.deliveredDay}, ${localDaySql(sql`t.at`, a.timeZone)})
      from targets t, ${tableAs(a)} where ${m.id} = t.id and ${m.status} = t.was and ${a.id} = ${m.accountId}
      returning ${m.profileId} as profile_id, ${m.day}::text as day, ${m.sentDay}::text as sent_day,
        ${m.deliveredDay}::text as delivered_day, ${m.readDay}::text as read_day,
        t.was as from, ${m.status} as to`),
  );
  counts.moves.push(...moved);
  await keepWatermarks(tx, events, "read");
}
