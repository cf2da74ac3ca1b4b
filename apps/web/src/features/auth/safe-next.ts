/** Only same-app paths are followed after log-in (no open redirects). */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/programs";
}
