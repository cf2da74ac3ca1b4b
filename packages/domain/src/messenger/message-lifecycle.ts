/**
 * The life of a Messenger message (DESIGN §3) as data: which event moves which status to which,
 * and which statistics a status counts in. Counters are derived from the statuses a move leaves
 * and enters, so statistics equal the message rows by construction.
 */

/** Every status a Messenger message can be in. */
export const MESSAGE_STATUSES = [
  "queued",
  /** Queued for a program that was deactivated: out of the sender's queue until it is active again. */
  "held",
  "in_flight",
  "sent",
  "delivered",
  "read",
  "failed",
  "not_sent",
  "unknown",
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What can happen to a Messenger message; each moves it by the transition table below. */
export const MESSAGE_EVENTS = [
  /** The sender took it to send. */
  "claimed",
  /** The sender let it go before calling Facebook (a paused profile, a crash before the call). */
  "released",
  /** The send-time check refused it (window closed, person blocked the page). */
  "refused",
  "answered_ok",
  "answered_retry",
  "answered_permanent",
  /** No answer: Facebook may or may not have accepted it. */
  "answered_lost",
  /** Facebook echoed it back (metadata = our id): proof that it was accepted. */
  "echo",
  "delivery",
  "read",
  /** Its sender died while Facebook had the call. */
  "lease_expired",
  "program_deactivated",
  "program_activated",
  "program_deleted",
  /** Facebook's conversation with the person holds it: it was sent (a lost answer reconciled). */
  "reconciled_found",
  /** Long after its call, Facebook's conversation with the person does not hold it. */
  "reconciled_absent",
] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

const ACCEPTED: readonly MessageStatus[] = ["sent", "delivered", "read"];

/** Next status for each (status, event); a missing entry means the event changes nothing. */
const TRANSITIONS: Readonly<
  Record<MessageStatus, Readonly<Partial<Record<MessageEvent, MessageStatus>>>>
> = {
  queued: {
    claimed: "in_flight",
    refused: "not_sent",
    echo: "sent",
    program_deactivated: "held",
    program_deleted: "not_sent",
  },
  held: { echo: "sent", program_activated: "queued", program_deleted: "not_sent" },
  in_flight: {
    released: "queued",
    refused: "not_sent",
    answered_ok: "sent",
    answered_retry: "queued",
    answered_permanent: "failed",
    answered_lost: "unknown",
    lease_expired: "unknown",
  },
  sent: { delivery: "delivered", read: "read" },
  delivered: { read: "read" },
  read: {},
  failed: { echo: "sent" },
  not_sent: {},
  // A delivery settles an unknown outcome only when it names the mid an echo stamped on it.
  unknown: {
    echo: "sent",
    delivery: "delivered",
    reconciled_found: "sent",
    reconciled_absent: "not_sent",
  },
};

/**
 * Where `event` takes a message in `status`, or null when it changes nothing. An echo stamped on
 * a message in flight (`echoed`) is proof of acceptance: whatever answer follows, it is sent.
 */
export function nextMessageStatus(
  status: MessageStatus,
  event: MessageEvent,
  echoed = false,
): MessageStatus | null {
  if (echoed && status === "in_flight" && event !== "answered_ok") {
    return event === "released" || event === "refused" ? null : "sent";
  }
  return TRANSITIONS[status][event] ?? null;
}

/** The statuses from which `event` moves a message (the guard of its SQL statement). */
export function statusesMovedBy(event: MessageEvent): MessageStatus[] {
  return MESSAGE_STATUSES.filter((s) => TRANSITIONS[s][event] !== undefined);
}

export type MessageCounter = "sent" | "delivered" | "read" | "failed" | "not_sent" | "unknown";
export type MessageCounters = Readonly<Record<MessageCounter, number>>;

/** The statistics a message in `status` counts in. */
export function countersOf(status: MessageStatus): MessageCounters {
  return {
    sent: ACCEPTED.includes(status) ? 1 : 0,
    delivered: status === "delivered" || status === "read" ? 1 : 0,
    read: status === "read" ? 1 : 0,
    failed: status === "failed" ? 1 : 0,
    not_sent: status === "not_sent" ? 1 : 0,
    unknown: status === "unknown" ? 1 : 0,
  };
}

/** What a move from `from` to `to` changes in the statistics. */
export function counterDelta(from: MessageStatus | null, to: MessageStatus): MessageCounters {
  const before = from === null ? countersOf("queued") : countersOf(from);
  const after = countersOf(to);
  return {
    sent: after.sent - before.sent,
    delivered: after.delivered - before.delivered,
    read: after.read - before.read,
    failed: after.failed - before.failed,
    not_sent: after.not_sent - before.not_sent,
    unknown: after.unknown - before.unknown,
  };
}

/** Under which heading a status's reason is counted ("Warning message", errors, unknown). */
export function reasonKindOf(status: MessageStatus): "warning" | "failed" | "unknown" | null {
  if (status === "not_sent") return "warning";
  if (status === "failed" || status === "unknown") return status;
  return null;
}
