const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A timestamp in the viewer's locale. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
