import { malformedEvent } from "./unknown-event";
import type { EchoWebhookEvent, UnknownWebhookEvent } from "./webhook-event";
import { echoEventSchema } from "./webhook-schemas";

/** Reads a `message_echoes` item: the Page is the sender, the person the recipient. */
export function readEchoEvent(
  pageId: string,
  raw: unknown,
): EchoWebhookEvent | UnknownWebhookEvent {
  const parsed = echoEventSchema.safeParse(raw);
  if (!parsed.success) return malformedEvent(pageId, "echo", parsed.error, raw);
  const { recipient, timestamp, message } = parsed.data;
  return {
    kind: "echo",
    pageId,
    psid: recipient.id,
    timestamp,
    dedupeKey: `echo:${message.mid}`,
    mid: message.mid,
    appId: message.app_id,
    metadata: message.metadata,
    text: message.text,
    raw,
  };
}
