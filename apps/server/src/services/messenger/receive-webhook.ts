import { type Queryable, rowsOf } from "@waymark/db";
import { parseWebhookEvents, verifySignature } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { ServiceError } from "../../errors";

/**
 * Accepts one webhook POST (SPEC §4.2): verifies `X-Hub-Signature-256` over the raw bytes,
 * parses the envelope, and stores the events of known pages in the inbox in one statement
 * (a redelivered event is a no-op). Processing happens afterwards, off the request.
 */
export async function receiveWebhook(
  deps: { db: Queryable; appSecret: string; now: () => Date },
  rawBody: Uint8Array,
  signature: string | undefined,
): Promise<{ stored: number }> {
  if (!verifySignature(rawBody, signature, deps.appSecret)) {
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
  if (events.length === 0) return { stored: 0 };
  const now = deps.now().toISOString();
  const rows = events.map((e) => ({
    page_id: e.pageId,
    kind: e.kind,
    dedupe_key: e.dedupeKey,
    payload: e,
    event_time: isoTime(e.timestamp),
  }));
  // One statement for the whole POST (a busy Page's POST carries hundreds of events): events of
  // pages no profile connects are dropped, ids follow the order Facebook sent the events in.
  const inserted = rowsOf<{ id: number }>(
    await deps.db.execute(sql`
      insert into webhook_events (page_id, kind, dedupe_key, payload, event_time, received_at, next_attempt_at)
      select e.page_id, e.kind, e.dedupe_key, e.payload, e.event_time, ${now}::timestamptz, ${now}::timestamptz
      from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (page_id text, kind text,
        dedupe_key text, payload jsonb, event_time timestamptz)) with ordinality
        as e(page_id, kind, dedupe_key, payload, event_time, n)
      where exists (select 1 from messenger_profiles p where p.page_id = e.page_id)
      order by e.n
      on conflict (dedupe_key) do nothing
      returning id`),
  );
  return { stored: inserted.length };
}

/** The event's time, or null when Facebook's number is no time a Date can hold. */
function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
