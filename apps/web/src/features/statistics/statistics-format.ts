const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const shortDayFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A local calendar date (YYYY-MM-DD, already in the account's zone) for reading: "Fri, 20 Nov 2026". */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** A local calendar date for a chart axis: "20 Nov". */
export function formatShortDay(day: string): string {
  return shortDayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** A moment as a date and time in the account's time zone. */
export function formatTimeIn(iso: string, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      dateStyle: "medium",
      timeStyle: "medium",
      timeZone,
    });
    timeFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** How each kind of "not sent" reads: the node's warnings apart from Facebook's errors. */
export const REASON_KIND_LABELS: Record<string, string> = {
  warning: "Warning",
  failed: "Error",
  unknown: "No answer",
};

/** The drill-down's columns whose numbers open contact lists. */
export type ContactKind = "sent" | "delivered" | "warnings" | "errors";

export const KIND_LABELS: Record<ContactKind, string> = {
  sent: "Messages sent",
  delivered: "Messages delivered",
  warnings: "Warning message",
  errors: "Errors",
};

/** Reasons of one side: the node's warnings, or Facebook's errors (refused or unanswered). */
export function reasonsOf<R extends { kind: string }>(reasons: R[], side: "warnings" | "errors") {
  return reasons.filter((r) => (r.kind === "warning") === (side === "warnings"));
}
