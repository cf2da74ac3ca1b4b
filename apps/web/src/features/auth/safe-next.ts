import { safeAppPath } from "@waymark/domain";

/** Only same-app paths are followed after log-in (no open redirects). */
export function safeNext(next: string | null): string {
  return safeAppPath(next, { fallback: "/programs" });
}
