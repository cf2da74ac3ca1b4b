import { type Queryable, rowsOf } from "@waymark/db";
import { echoedMessageId, unnestRows } from "@waymark/engine";
import { parseWebhookEvents, verifySignature } from "@waymark/facebook";
import { type SQL, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";

/**
 * Accepts one webhook POST (SPEC §4.2): verifies `X-Hub-Signature-256` over the raw bytes,
 * parses the envelope, and stores the events of known pages in the inbox in one statement
 * (a redelivered event is a no-op). Processing happens afterwards, off the request.
 *
 * Echoes are most of the traffic and matter only while their message's outcome is open, so
 * they are settled here rather than stored: the echo of a message in flight stamps its mid on
 * the row (an update no index sees; whatever answer follows, the message is sent), the echo of
 * a message not (yet) recorded as accepted (unknown, failed, queued for a retry) is stored for
 * the processor to settle as sent, and any other echo (already sent, or not Waymark's) is dropped.
 * Stored echoes keep their ids and time, not the message's text.
 */
export async function receiveWebhook(
  deps: { db: Queryable; appSecret: string; now: () => Date },
  rawBody: Uint8Array,
  signature: string | undefined,
): Promise<{ stored: number }> {
  return storeInboxRows(deps, readWebhook(deps.appSecret, rawBody, signature));
}

/**
 * Verifies one POST's signature and reads its events as inbox rows (echoes trimmed or dropped
 * as above); throws 401 or 400. Writes nothing.
 */
export function readWebhook(
  appSecret: string,
  rawBody: Uint8Array,
  signature: string | undefined,
): InboxRow[] {
  if (!verifySignature(rawBody, signature, appSecret)) {
    throw new ServiceError(
      401,
      "bad_signature",
      "The X-Hub-Signature-256 header does not match the body",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    throw new ServiceError(400, "invalid_json", "The webhook body is not valid JSON");
  }
  const parsed = parseWebhookEvents(json);
  if (!parsed.ok) throw new ServiceError(400, "invalid_webhook", parsed.error);
  const events = parsed.events.filter((e) => e.kind !== "unknown");
  if (events.length === 0) return [];
  return events.flatMap(({ raw: _raw, ...e }): InboxRow[] => {
    const row = {
      page_id: e.pageId,
      kind: e.kind,
      dedupe_key: e.dedupeKey,
      event_time: isoTime(e.timestamp),
    };
    if (e.kind !== "echo") return [{ ...row, payload: e }];
    // An echo matters only as the echo of one of Waymark's messages, and then only its ids and
    // time: the message's text stays out of the inbox (and out of the statement's bytes).
    if (!echoedMessageId(e)) return [];
    const { text: _text, appId: _appId, ...echo } = e;
    return [{ ...row, payload: echo }];
  });
}

/**
 * Stores inbox rows, of one POST or of several gathered by the InboxWriter, in one statement (a
 * redelivered event is a no-op); returns how many were new.
 */
export async function storeInboxRows(
  deps: { db: Queryable; now: () => Date },
  rows: InboxRow[],
): Promise<{ stored: number }> {
  if (rows.length === 0) return { stored: 0 };
  const now = deps.now().toISOString();
  if (!rows.some((r) => r.kind === "echo")) return { stored: await insertRows(deps.db, rows, now) };
  // One statement per POST (a busy Page's carries hundreds of events), ids in Facebook's order.
  // Echoes probe their message by key in `offset 0` laterals (not a join over all in flight) and
  // skip a row the sender is recording rather than wait, so the two never deadlock.
  const inserted = rowsOf<{ id: number }>(
    await deps.db.execute(sql`
      with e as (
        select e.*, case when e.kind = 'echo' then (e.payload->>'metadata')::uuid end as message_id,
          e.payload->>'psid' as psid, e.payload->>'mid' as mid
        from ${inboxInput(rows)}
        where exists (select 1 from messenger_profiles p where p.page_id = e.page_id)
      ), stamped as (
        update messenger_messages m set fb_message_id = x.mid, sent_at = coalesce(m.sent_at, x.at)
        from (
          select e.mid, e.event_time as at, l.id from e cross join lateral (
            select m.id from messenger_messages m
            where m.id = e.message_id and m.psid = e.psid and m.status = 'in_flight'
              and m.fb_message_id is null
            for update skip locked
          ) l
        ) x
        where m.id = x.id
        returning m.id
      )
      insert into webhook_events (page_id, kind, dedupe_key, payload, event_time, received_at, next_attempt_at)
      select e.page_id, e.kind, e.dedupe_key, e.payload, e.event_time, ${now}::timestamptz, ${now}::timestamptz
      from e left join lateral (
        select m.id, m.status, m.fb_message_id from messenger_messages m
        where m.id = e.message_id and m.psid = e.psid
        offset 0
      ) m on true
      where e.kind <> 'echo'
        or ((m.status in ('unknown', 'failed', 'queued', 'held')
            or (m.status = 'in_flight' and m.fb_message_id is null))
          and m.id not in (select id from stamped))
      order by e.n
      on conflict (dedupe_key) do nothing
      returning id`),
  );
  return { stored: inserted.length };
}

/**
 * The inbox statement for rows without echoes (receipts, messages, opt-ins: most POSTs): none of
 * the message lookups, which PGlite takes several times as long to plan as this plain insert.
 */
async function insertRows(db: Queryable, rows: InboxRow[], now: string): Promise<number> {
  const inserted = await db.execute(sql`
    insert into webhook_events (page_id, kind, dedupe_key, payload, event_time, received_at, next_attempt_at)
    select e.page_id, e.kind, e.dedupe_key, e.payload, e.event_time, ${now}::timestamptz, ${now}::timestamptz
    from ${inboxInput(rows)}
    where exists (select 1 from messenger_profiles p where p.page_id = e.page_id)
    order by e.n
    on conflict (dedupe_key) do nothing
    returning id`);
  return rowsOf(inserted).length;
}

/** The rows as `e(page_id, kind, dedupe_key, payload, event_time, n)`, n their order. */
function inboxInput(rows: InboxRow[]): SQL {
  const numbered = rows.map((row, n) => ({ row, n }));
  return unnestRows(numbered, "e", {
    page_id: ["text", (x) => x.row.page_id],
    kind: ["text", (x) => x.row.kind],
    dedupe_key: ["text", (x) => x.row.dedupe_key],
    payload: ["jsonb", (x) => JSON.stringify(x.row.payload)],
    event_time: ["timestamptz", (x) => x.row.event_time],
    n: ["int", (x) => x.n],
  });
}

/** An event as the inbox statement takes it. */
export interface InboxRow {
  page_id: string;
  kind: string;
  dedupe_key: string;
  event_time: string | null;
  payload: object;
}

/** The event's time, or null when Facebook's number is no time a Date can hold. */
function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
