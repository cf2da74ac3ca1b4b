import { messengerProfiles, type Queryable, webhookEvents } from "@waymark/db";
import { parseWebhookEvents, verifySignature } from "@waymark/facebook";
import { inArray } from "drizzle-orm";
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
  const pageIds = [...new Set(events.map((e) => e.pageId))];
  const known = await deps.db
    .select({ pageId: messengerProfiles.pageId })
    .from(messengerProfiles)
    .where(inArray(messengerProfiles.pageId, pageIds));
  const knownPages = new Set(known.map((k) => k.pageId));
  const rows = events.flatMap((e) =>
    knownPages.has(e.pageId)
      ? [
          {
            pageId: e.pageId,
            kind: e.kind,
            dedupeKey: e.dedupeKey,
            payload: e,
            eventTime: new Date(e.timestamp),
            receivedAt: deps.now(),
            nextAttemptAt: deps.now(),
          },
        ]
      : [],
  );
  if (rows.length === 0) return { stored: 0 };
  const inserted = await deps.db
    .insert(webhookEvents)
    .values(rows)
    .onConflictDoNothing({ target: webhookEvents.dedupeKey })
    .returning({ id: webhookEvents.id });
  return { stored: inserted.length };
}
