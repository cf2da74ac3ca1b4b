import type { SandboxContext } from "../context";
import { SEVEN_DAY_TAGS, SEVEN_DAYS_MS, STANDARD_WINDOW_MS } from "../domain/policy";
import type { GraphError } from "../graph/graph-error";
import type { PageRecord, ThreadRecord, UserRefRecord } from "../state/records";
import { sendErrors } from "./send-errors";
import type { SendRequest } from "./send-request";

/** Who the message goes to, and whether it spends the 2018 "+1" message. */
export type Addressee =
  | { kind: "thread"; thread: ThreadRecord; spendsPlusOne: boolean }
  | { kind: "user_ref"; record: UserRefRecord };

/**
 * Applies the recipient and policy rules (MESSENGER.md §8 rules 13–17) against the
 * in-memory state: known PSID of this Page, not blocked, and the messaging windows.
 */
export function checkRecipient(
  ctx: SandboxContext,
  page: PageRecord,
  request: SendRequest,
): Addressee | GraphError {
  const { recipient } = request;
  if (recipient.kind === "other") {
    if (recipient.field === "phone_number") return sendErrors.phoneNumberNotAllowed();
    return sendErrors.invalidRecipient(recipient.field);
  }
  const now = ctx.now().getTime();
  if (recipient.kind === "user_ref") {
    const record = ctx.state.userRefs.get(`${page.id}:${recipient.userRef}`);
    if (!record) return sendErrors.noMatchingUser();
    if (ctx.state.threadOf(record.personId, page.id)?.blockedAt) return sendErrors.unavailable();
    if (request.messagingType === "MESSAGE_TAG") return sendErrors.tagForUserRef();
    // Conservative rule (MESSENGER.md §4.3): one message within 24 h of the opt-in.
    if (
      record.sentAt ||
      record.repliedAt ||
      now - record.optedInAt.getTime() >= STANDARD_WINDOW_MS
    ) {
      return sendErrors.outsideWindow();
    }
    return { kind: "user_ref", record };
  }
  const thread = ctx.state.threads.get(recipient.id);
  if (!thread || thread.pageId !== page.id) return sendErrors.noMatchingUser();
  if (thread.blockedAt) return sendErrors.unavailable();

  const type = request.messagingType;
  if (type === "NON_PROMOTIONAL_SUBSCRIPTION" || request.tag === "NON_PROMOTIONAL_SUBSCRIPTION") {
    if (!page.approvedForNonPromotionalSubscription) return sendErrors.subscriptionNotApproved();
    return { kind: "thread", thread, spendsPlusOne: false };
  }
  if (type === "MESSAGE_TAG") {
    if (request.tag && SEVEN_DAY_TAGS.includes(request.tag)) {
      const last = thread.lastInboundAt?.getTime();
      if (last === undefined || now - last >= SEVEN_DAYS_MS) return sendErrors.outsideWindow();
    }
    return { kind: "thread", thread, spendsPlusOne: false };
  }
  if (withinWindow(thread, now)) return { kind: "thread", thread, spendsPlusOne: false };
  if (page.policyVersion === "2020" || request.senderAction) return sendErrors.outsideWindow();
  if (thread.plusOneUsed) return sendErrors.outsideWindowLegacy();
  return { kind: "thread", thread, spendsPlusOne: true };
}

/** Whether the last user-initiated event (opt-in or message) is less than 24 hours old. */
export function withinWindow(thread: ThreadRecord, now: number): boolean {
  const opened = windowOpenedAt(thread);
  return opened !== null && now - opened < STANDARD_WINDOW_MS;
}

export function windowOpenedAt(thread: ThreadRecord): number | null {
  const times = [thread.optedInAt, thread.lastInboundAt]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return times.length === 0 ? null : Math.max(...times);
}
