import { ServiceError } from "../../errors";

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The longest date range the statistics answer for, in days (both ends included). */
export const MAX_RANGE_DAYS = 366;

/** The profile page's window: today and the six days before it. */
export const PROFILE_WINDOW_DAYS = 7;

/** An inclusive range of local calendar dates, as YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === value;
}

/** The date `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How many dates the range holds, both ends included. */
export function rangeLength({ from, to }: DayRange): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every date of the range, oldest first. */
export function eachDay(range: DayRange): string[] {
  const n = rangeLength(range);
  return Array.from({ length: Math.max(n, 0) }, (_, i) => addDays(range.from, i));
}

/** The `days` dates ending with `today`. */
export function lastDays(today: string, days: number): DayRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError(400, "invalid_request", `${field}: ${message}`, {
    fields: { [field]: message },
  });
}

/**
 * The range a statistics request asks for: `from` and `to` together, or else the `days`
 * (default 7) ending `today` in the account's time zone. 400 for impossible dates, `from`
 * after `to`, or more than 366 days.
 */
export function resolveRange(
  input: { from?: string; to?: string; days?: number },
  today: string,
): DayRange {
  if (input.from === undefined && input.to === undefined) {
    const days = input.days ?? PROFILE_WINDOW_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_RANGE_DAYS) {
      throw invalid("days", `must be a whole number from 1 to ${MAX_RANGE_DAYS}`);
    }
    return lastDays(today, days);
  }
  if (input.from === undefined) throw invalid("from", "is required with to");
  if (input.to === undefined) throw invalid("to", "is required with from");
  if (!isCalendarDate(input.from)) throw invalid("from", "must be a date as YYYY-MM-DD");
  if (!isCalendarDate(input.to)) throw invalid("to", "must be a date as YYYY-MM-DD");
  const range = { from: input.from, to: input.to };
  if (input.from > input.to) throw invalid("from", "must be on or before to");
  if (rangeLength(range) > MAX_RANGE_DAYS) {
    throw invalid("to", `the range can be at most ${MAX_RANGE_DAYS} days`);
  }
  return range;
}
