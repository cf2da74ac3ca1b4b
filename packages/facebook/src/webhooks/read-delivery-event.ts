import { dedupeKey } from "./dedupe-key";
import { malformedEvent } from "./unknown-event";
import type { DeliveryWebhookEvent, UnknownWebhookEvent } from "./webhook-event";
import { deliveryEventSchema } from "./webhook-schemas";

/**
 * Reads a `message_deliveries` item; deliveries need no timestamp, so the entry's time (or else
 * the watermark) stands in. Dedupe key: (page, psid, watermark, sorted mids).
 */
export function readDeliveryEvent(
  pageId: string,
  entryTime: number | undefined,
  raw: unknown,
): DeliveryWebhookEvent | UnknownWebhookEvent {
  const parsed = deliveryEventSchema.safeParse(raw);
  if (!parsed.success) return malformedEvent(pageId, "delivery", parsed.error, raw);
  const { sender, timestamp, delivery } = parsed.data;
  const mids = [...(delivery.mids ?? [])].sort();
  return {
    kind: "delivery",
    pageId,
    psid: sender.id,
    timestamp: timestamp ?? entryTime ?? delivery.watermark,
    dedupeKey: dedupeKey("delivery", [pageId, sender.id, delivery.watermark, mids]),
    watermark: delivery.watermark,
    mids,
    raw,
  };
}
