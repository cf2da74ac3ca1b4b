import { malformedEvent } from "./unknown-event";
import type { MessageWebhookEvent, UnknownWebhookEvent } from "./webhook-event";
import { messageEventSchema } from "./webhook-schemas";

/** Reads a `messages` item from a person; the dedupe key is its `mid`. */
export function readMessageEvent(
  pageId: string,
  raw: unknown,
): MessageWebhookEvent | UnknownWebhookEvent {
  const parsed = messageEventSchema.safeParse(raw);
  if (!parsed.success) return malformedEvent(pageId, "message", parsed.error, raw);
  const { sender, timestamp, message, prior_message } = parsed.data;
  return {
    kind: "message",
    pageId,
    psid: sender.id,
    timestamp,
    dedupeKey: `message:${message.mid}`,
    mid: message.mid,
    text: message.text,
    quickReplyPayload: message.quick_reply?.payload,
    priorMessage: prior_message && {
      source: prior_message.source,
      identifier: prior_message.identifier,
    },
    raw,
  };
}
