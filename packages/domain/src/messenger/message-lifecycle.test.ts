import { describe, expect, it } from "vitest";
import {
  counterDelta,
  countersOf,
  MESSAGE_EVENTS,
  MESSAGE_STATUSES,
  type MessageStatus,
  nextMessageStatus,
  reasonKindOf,
  statusesMovedBy,
} from "./message-lifecycle";

const FINAL: MessageStatus[] = ["read", "not_sent"];
const ACCEPTED: MessageStatus[] = ["sent", "delivered", "read"];

describe("the Messenger message lifecycle", () => {
  it.each(MESSAGE_STATUSES.flatMap((s) => MESSAGE_EVENTS.map((e) => [s, e] as const)))(
    "%s + %s",
    (status, event) => {
      const next = nextMessageStatus(status, event);
      if (next === null) return;
      // Never back out of acceptance: a sent message is never queued, failed or unknown again.
      if (ACCEPTED.includes(status))
        expect(ACCEPTED.indexOf(next)).toBeGreaterThan(ACCEPTED.indexOf(status));
      // Final statuses stay.
      expect(FINAL).not.toContain(status);
      // Only the sender's claim puts a message in flight; only claiming may follow held → queued.
      if (next === "in_flight") expect([status, event]).toEqual(["queued", "claimed"]);
      // An echo is proof of acceptance from every status it moves.
      if (event === "echo") expect(next).toBe("sent");
      // Only an outcome nobody knows is reconciled from Facebook's conversation.
      if (event.startsWith("reconciled_")) expect(status).toBe("unknown");
      expect(statusesMovedBy(event)).toContain(status);
    },
  );

  it("treats an echoed message in flight as sent whatever the answer", () => {
    for (const e of [
      "answered_retry",
      "answered_permanent",
      "answered_lost",
      "lease_expired",
    ] as const) {
      expect(nextMessageStatus("in_flight", e, true)).toBe("sent");
      expect(nextMessageStatus("in_flight", e, false)).not.toBe("sent");
    }
    expect(nextMessageStatus("in_flight", "answered_ok", true)).toBe("sent");
  });

  it("counts a message in exactly one outcome, and delivered/read inside sent", () => {
    for (const s of MESSAGE_STATUSES) {
      const c = countersOf(s);
      const outcomes = c.sent + c.failed + c.not_sent + c.unknown;
      expect(outcomes).toBe(["queued", "held", "in_flight"].includes(s) ? 0 : 1);
      expect(c.read).toBeLessThanOrEqual(c.delivered);
      expect(c.delivered).toBeLessThanOrEqual(c.sent);
      expect(reasonKindOf(s) !== null).toBe(c.failed + c.not_sent + c.unknown === 1);
    }
  });

  it("derives deltas that sum to the final status's counters along any path", () => {
    const path: MessageStatus[] = ["queued", "in_flight", "unknown", "sent", "delivered", "read"];
    const total = { sent: 0, delivered: 0, read: 0, failed: 0, not_sent: 0, unknown: 0 };
    for (let i = 1; i < path.length; i++) {
      const d = counterDelta(path[i - 1]!, path[i]!);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += d[k];
    }
    expect(total).toEqual(countersOf("read"));
    expect(counterDelta(null, "not_sent")).toEqual(countersOf("not_sent"));
  });
});
