import { MESSAGE_TEXT_MAX_LENGTH } from "../messenger/message-text-limit";
import { WARNING_REASONS } from "../messenger/warning-reasons";
import type { RenderedMessage } from "./render-message";

/** Whether a personalised message may be sent, or the reason recorded when it is not. */
export type RenderedMessageCheck = { ok: true } | { ok: false; reason: string };

/** Refuses a personalised message that is empty (or only spaces) or over 2,000 characters. */
export function checkRenderedMessage(message: RenderedMessage): RenderedMessageCheck {
  if (message.text.trim() === "") return { ok: false, reason: WARNING_REASONS.emptyMessage };
  if (message.length > MESSAGE_TEXT_MAX_LENGTH) {
    return { ok: false, reason: WARNING_REASONS.tooLong };
  }
  return { ok: true };
}
