import type { MessageStatus } from "./message-lifecycle";

/** Each Messenger message status as people read it, on screen and in exports. */
export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  queued: "Waiting to send",
  held: "Held: program deactivated",
  in_flight: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
  not_sent: "Not sent",
  unknown: "Outcome unknown",
};

/** The label of a status, or the status itself if a newer server sends one this build lacks. */
export function messageStatusLabel(status: string): string {
  return (MESSAGE_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
