import { readDeliveryEvent } from "./read-delivery-event";
import { readEchoEvent } from "./read-echo-event";
import { readMessageEvent } from "./read-message-event";
import { readOptinEvent } from "./read-optin-event";
import { readReadEvent } from "./read-read-event";
import { unknownEvent } from "./unknown-event";
import type { WebhookEvent } from "./webhook-event";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads one `entry[].messaging[]` item of the Page `pageId` into a typed event; never throws. */
export function parseMessagingEvent(
  pageId: string,
  entryTime: number | undefined,
  raw: unknown,
): WebhookEvent {
  if (!isRecord(raw))
    return unknownEvent(pageId, "malformed", "messaging item is not an object", raw);
  // The payload key tells the kind; `is_echo` separates the Page's own messages.
  if (isRecord(raw.message)) {
    return raw.message.is_echo === true
      ? readEchoEvent(pageId, raw)
      : readMessageEvent(pageId, raw);
  }
  if ("optin" in raw) return readOptinEvent(pageId, raw);
  if ("delivery" in raw) return readDeliveryEvent(pageId, entryTime, raw);
  if ("read" in raw) return readReadEvent(pageId, entryTime, raw);
  const keys = Object.keys(raw).filter((k) => !["sender", "recipient", "timestamp"].includes(k));
  return unknownEvent(
    pageId,
    "unsupported",
    `messaging item with ${keys.join(", ") || "nothing"}`,
    raw,
  );
}
