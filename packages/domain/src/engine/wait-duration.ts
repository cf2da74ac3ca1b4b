import type { WaitUnit } from "../program/nodes/wait-node";

const UNIT_MS: Readonly<Record<WaitUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** A Wait node's duration in milliseconds; a day is 24 hours (no time zones or DST). */
export function waitDurationMs(amount: number, unit: WaitUnit): number {
  return Math.max(0, amount) * UNIT_MS[unit];
}
