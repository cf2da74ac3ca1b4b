import { dedupeKey } from "./dedupe-key";
import { malformedEvent } from "./unknown-event";
import type { ReadWebhookEvent, UnknownWebhookEvent } from "./webhook-event";
import { readEventSchema } from "./webhook-schemas";

/** Reads a `message_reads` item; dedupe key: (page, psid, watermark). */
export function readReadEvent(
  pageId: string,
  entryTime: number | undefined,
  raw: unknown,
): ReadWebhookEvent | UnknownWebhookEvent {
  const parsed = readEventSchema.safeParse(raw);
  if (!parsed.success) return malformedEvent(pageId, "read", parsed.error, raw);
  const { sender, timestamp, read } = parsed.data;
  return {
    kind: "read",
    pageId,
    psid: sender.id,
    timestamp: timestamp ?? entryTime ?? read.watermark,
    dedupeKey: dedupeKey("read", [pageId, sender.id, read.watermark]),
    watermark: read.watermark,
    raw,
  };
}
