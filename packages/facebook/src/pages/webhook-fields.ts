/** Webhook fields Waymark subscribes each Page to (SPEC §4). */
export const WEBHOOK_FIELDS = [
  "messages",
  "messaging_optins",
  "message_deliveries",
  "message_reads",
  "message_echoes",
] as const;
