import type { Transaction } from "@waymark/db";
import { counterDelta, type MessageStatus, reasonKindOf } from "@waymark/domain";
import { bumpStats, type ReasonDelta, type StatDelta } from "./bump-stats";

/** One message's status change as a statement returned it: what it was and what it became. */
export interface StatusMove {
  profile_id: string;
  /** The local day of the visit: where warnings, errors and unknown outcomes count. */
  day: string;
  /** The local days the message was sent, delivered and read, when it was: where those count. */
  sent_day?: string | null;
  delivered_day?: string | null;
  read_day?: string | null;
  /** null for a message written straight into its first status. */
  from: MessageStatus | null;
  to: MessageStatus;
  from_reason?: string | null;
  to_reason?: string | null;
}

const COUNTERS = ["sent", "delivered", "read", "failed", "not_sent", "unknown"] as const;

/** The day each counter of a move changes on: the day of its event, or of the visit. */
function dayOf(m: StatusMove, counter: (typeof COUNTERS)[number]): string {
  if (counter === "sent") return m.sent_day ?? m.day;
  if (counter === "delivered") return m.delivered_day ?? m.day;
  if (counter === "read") return m.read_day ?? m.day;
  return m.day;
}

/** The statistics changes of `moves`, derived from the statuses left and entered. */
function movesToDeltas(moves: StatusMove[]): { stats: StatDelta[]; reasons: ReasonDelta[] } {
  const stats: StatDelta[] = [];
  const reasons: ReasonDelta[] = [];
  for (const m of moves) {
    if (m.from === m.to) continue;
    const delta = counterDelta(m.from, m.to);
    for (const counter of COUNTERS) {
      if (delta[counter] !== 0) {
        stats.push({ profile_id: m.profile_id, day: dayOf(m, counter), [counter]: delta[counter] });
      }
    }
    // The reason leaves the heading it was counted under and enters the new one's.
    const left = m.from === null ? null : reasonKindOf(m.from);
    const entered = reasonKindOf(m.to);
    if (left) reasons.push(reasonDelta(m, left, m.from_reason, -1));
    if (entered) reasons.push(reasonDelta(m, entered, m.to_reason, 1));
  }
  return { stats, reasons };
}

function reasonDelta(
  m: StatusMove,
  kind: ReasonDelta["kind"],
  reason: string | null | undefined,
  delta: number,
): ReasonDelta {
  return { profile_id: m.profile_id, day: m.day, kind, reason: reason ?? kind, delta };
}

/** Counts status moves in the statistics, in the transaction that made them. */
export async function countMoves(tx: Transaction, moves: StatusMove[]): Promise<void> {
  const { stats, reasons } = movesToDeltas(moves);
  await bumpStats(tx, stats, reasons);
}
