const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A timestamp in the viewer's locale. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A count with its noun in the right number: "1 contact", "2,000 contacts". */
export function formatCount(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
