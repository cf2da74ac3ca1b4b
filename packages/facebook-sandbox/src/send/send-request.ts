/** Who a Send API request addresses. */
export type SendRecipient =
  | { kind: "id"; id: string }
  | { kind: "user_ref"; userRef: string }
  | { kind: "other"; field: string; value: string };

/** The message part of a validated request. */
export interface SendMessage {
  text?: string;
  attachment?: Record<string, unknown>;
  quickReplies?: unknown[];
  metadata?: string;
}

/** A Send API request that passed the structural rules (MESSENGER.md §8 rules 5–12). */
export interface SendRequest {
  recipient: SendRecipient;
  messagingType?: string;
  tag?: string;
  message?: SendMessage;
  senderAction?: string;
  notificationType?: string;
}

export const RECIPIENT_FIELDS = [
  "id",
  "user_ref",
  "phone_number",
  "post_id",
  "comment_id",
  "one_time_notif_token",
  "notification_messages_token",
] as const;

export const SENDER_ACTIONS = [
  "typing_on",
  "typing_off",
  "mark_seen",
  "TYPING_ON",
  "TYPING_OFF",
  "MARK_SEEN",
  "REACT",
  "UNREACT",
];

export const NOTIFICATION_TYPES = ["REGULAR", "SILENT_PUSH", "NO_PUSH"];

export const ATTACHMENT_TYPES = ["image", "audio", "video", "file", "template"];

export const TEXT_LIMIT = 2000;
export const METADATA_LIMIT = 1000;
export const QUICK_REPLY_LIMIT = 13;
