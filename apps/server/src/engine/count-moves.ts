import type { Transaction } from "@waymark/db";
import { counterDelta, type MessageStatus, reasonKindOf } from "@waymark/domain";
import { bumpStats, type ReasonDelta, type StatDelta } from "./bump-stats";

/** One message's status change as a statement returned it: what it was and what it became. */
export interface StatusMove {
  profile_id: string;
  day: string;
  /** null for a message written straight into its first status. */
  from: MessageStatus | null;
  to: MessageStatus;
  from_reason?: string | null;
  to_reason?: string | null;
}

/** The statistics changes of `moves`, derived from the statuses left and entered. */
export function movesToDeltas(moves: StatusMove[]): { stats: StatDelta[]; reasons: ReasonDelta[] } {
  const stats: StatDelta[] = [];
  const reasons: ReasonDelta[] = [];
  for (const m of moves) {
    if (m.from === m.to) continue;
    stats.push({ profile_id: m.profile_id, day: m.day, ...counterDelta(m.from, m.to) });
    const left = m.from === null ? null : reasonKindOf(m.from);
    if (left) {
      reasons.push({
        profile_id: m.profile_id,
        day: m.day,
        kind: left,
        reason: m.from_reason ?? left,
        delta: -1,
      });
    }
    const entered = reasonKindOf(m.to);
    if (entered) {
      reasons.push({
        profile_id: m.profile_id,
        day: m.day,
        kind: entered,
        reason: m.to_reason ?? entered,
        delta: 1,
      });
    }
  }
  return { stats, reasons };
}

/** Counts status moves in the statistics, in the transaction that made them. */
export async function countMoves(tx: Transaction, moves: StatusMove[]): Promise<void> {
  const { stats, reasons } = movesToDeltas(moves);
  await bumpStats(tx, stats, reasons);
}
