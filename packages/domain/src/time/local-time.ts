const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one; the engine asks per contact.
function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, ...options });
    cache.set(timeZone, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) of `at` in an IANA time zone, e.g. an account's. */
export function localDay(at: Date, timeZone: string): string {
  return cached(dayFormats, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(
    at,
  );
}

/** `at` as a wall-clock time in an IANA time zone: "2026-11-20 09:05:00". */
export function localDateTime(at: Date, timeZone: string): string {
  const format = cached(dateTimeFormats, timeZone, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
