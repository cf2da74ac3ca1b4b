import { dedupeKey } from "./dedupe-key";
import { malformedEvent } from "./unknown-event";
import type { OptinSource, OptinWebhookEvent, UnknownWebhookEvent } from "./webhook-event";
import { optinEventSchema } from "./webhook-schemas";

function optinSource(
  optin: { type?: string; one_time_notif_token?: string; notification_messages_token?: string },
  userRef: string | undefined,
): OptinSource {
  if (optin.type === "notification_messages" || optin.notification_messages_token) {
    return "notification_messages";
  }
  if (optin.type === "one_time_notif_req" || optin.one_time_notif_token) return "one_time_notif";
  return userRef === undefined ? "send_to_messenger" : "checkbox";
}

/**
 * Reads a `messaging_optins` item; the dedupe key is (page, sender or user_ref, ref,
 * timestamp) as in DESIGN.md §5, plus the variant so a stop and a resume never collide.
 */
export function readOptinEvent(
  pageId: string,
  raw: unknown,
): OptinWebhookEvent | UnknownWebhookEvent {
  const parsed = optinEventSchema.safeParse(raw);
  if (!parsed.success) return malformedEvent(pageId, "optin", parsed.error, raw);
  const { sender, timestamp, optin } = parsed.data;
  const psid = sender?.id;
  const userRef = optin.user_ref ?? sender?.user_ref;
  const source = optinSource(optin, userRef);
  const status = optin.notification_messages_status;
  return {
    kind: "optin",
    pageId,
    source,
    psid,
    userRef,
    timestamp,
    dedupeKey: dedupeKey("optin", [pageId, psid, userRef, optin.ref, timestamp, source, status]),
    ref: optin.ref,
    payload: optin.payload,
    oneTimeNotifToken: optin.one_time_notif_token,
    notificationMessagesToken: optin.notification_messages_token,
    notificationMessagesStatus: status,
    raw,
  };
}
