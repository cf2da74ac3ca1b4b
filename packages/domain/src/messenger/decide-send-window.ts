import type { TagCategory } from "./message-tag";
import type { PolicyVersion } from "./policy-version";
import { WARNING_REASONS } from "./warning-reasons";

/** Length of the standard messaging window. */
export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What the window rule needs: policy, kind of message and the contact's window times. */
export interface SendWindowInput {
  readonly policy: PolicyVersion;
  readonly tagCategory: TagCategory;
  readonly optedInAt: Date | null;
  readonly lastInboundAt: Date | null;
  /** When the 2018 "+1" message was last used; it counts only if after the window opened. */
  readonly extraUsedAt: Date | null;
  readonly now: Date;
}

/** Allowed (possibly as the 2018 "+1" message), or refused with the recorded reason. */
export type SendWindowDecision =
  | { readonly allowed: true; readonly usesExtra: boolean }
  | { readonly allowed: false; readonly reason: string };

/**
 * Applies the 24-hour window rule (SPEC §7.2). The window opens at the later of opt-in and the
 * contact's last message and closes exactly 24 hours later (a send at 24:00:00 is outside).
 * 2018: one more standard message after that until the contact writes again; tags any time.
 * 2020: standard messages only inside the window; mapped tags any time (a retired tag is
 * refused before this, by `resolveMessageTag`).
 */
export function decideSendWindow(input: SendWindowInput): SendWindowDecision {
  if (input.tagCategory === "subscription") return { allowed: true, usesExtra: false };

  const opened = latest(input.optedInAt, input.lastInboundAt);
  if (opened === null) return { allowed: false, reason: WARNING_REASONS.outsideWindow };
  if (input.now.getTime() - opened.getTime() < STANDARD_WINDOW_MS) {
    return { allowed: true, usesExtra: false };
  }
  if (input.policy === "2018") {
    const extraUsed = input.extraUsedAt !== null && input.extraUsedAt.getTime() >= opened.getTime();
    if (!extraUsed) return { allowed: true, usesExtra: true };
  }
  return { allowed: false, reason: WARNING_REASONS.outsideWindow };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
