/** Fields every recognised webhook event has. */
interface WebhookEventBase {
  pageId: string;
  /** Facebook's event time (epoch ms), the one that opens or refreshes the window. */
  timestamp: number;
  /** Unique per real-world event, stable across redeliveries (DESIGN.md §5). */
  dedupeKey: string;
  /** The messaging item as received, for storage. */
  raw: unknown;
}

/** How a person opted in. */
export type OptinSource =
  | "send_to_messenger"
  | "checkbox"
  | "one_time_notif"
  | "notification_messages";

/** A `messaging_optins` event; `psid` is absent for checkbox opt-ins, which carry `userRef`. */
export interface OptinWebhookEvent extends WebhookEventBase {
  kind: "optin";
  source: OptinSource;
  psid?: string;
  userRef?: string;
  ref?: string;
  payload?: string;
  oneTimeNotifToken?: string;
  notificationMessagesToken?: string;
  notificationMessagesStatus?: string;
}

/** A message a person sent to the Page. */
export interface MessageWebhookEvent extends WebhookEventBase {
  kind: "message";
  psid: string;
  mid: string;
  text?: string;
  quickReplyPayload?: string;
  /** Set on the first reply after a checkbox opt-in: links `identifier` (the user_ref) to the PSID. */
  priorMessage?: { source: string; identifier: string };
}

/** The echo of a message the Page sent; `psid` is the recipient. */
export interface EchoWebhookEvent extends WebhookEventBase {
  kind: "echo";
  psid: string;
  mid: string;
  appId?: string;
  metadata?: string;
  text?: string;
}

/** Messages to `psid` sent up to `watermark` were delivered. */
export interface DeliveryWebhookEvent extends WebhookEventBase {
  kind: "delivery";
  psid: string;
  watermark: number;
  mids: string[];
}

/** Messages to `psid` sent up to `watermark` were read. */
export interface ReadWebhookEvent extends WebhookEventBase {
  kind: "read";
  psid: string;
  watermark: number;
}

/** An event Waymark does not handle (`unsupported`) or cannot read (`malformed`); to be ignored. */
export interface UnknownWebhookEvent {
  kind: "unknown";
  pageId: string;
  reason: "unsupported" | "malformed";
  detail: string;
  raw: unknown;
}

/** One event out of a webhook POST. */
export type WebhookEvent =
  | OptinWebhookEvent
  | MessageWebhookEvent
  | EchoWebhookEvent
  | DeliveryWebhookEvent
  | ReadWebhookEvent
  | UnknownWebhookEvent;
