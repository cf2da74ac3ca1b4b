import { createHash } from "node:crypto";

/** What a page may load beyond its own origin; every list is of CSP source expressions. */
export interface CspSources {
  /** Extra script sources, e.g. `'sha256-…'` of an inline script or `'strict-dynamic'`. */
  scripts?: string[];
  connect?: string[];
  frames?: string[];
  images?: string[];
  forms?: string[];
}

/**
 * A Content-Security-Policy for Waymark's pages: scripts only from our origin and the listed
 * sources (never `unsafe-inline`), no plugins, no `<base>` hijack, never framed. Styles may be
 * inline: React Flow, Swagger UI and the Send to Messenger button set style attributes.
 */
export function contentSecurityPolicy(sources: CspSources = {}): string {
  const list = (...items: (string[] | undefined)[]) => items.flatMap((i) => i ?? []).join(" ");
  return [
    "default-src 'self'",
    `script-src ${list(["'self'"], sources.scripts)}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${list(["'self'", "data:"], sources.images)}`,
    "font-src 'self' data:",
    `connect-src ${list(["'self'"], sources.connect)}`,
    `frame-src ${list(["'self'"], sources.frames)}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${list(["'self'"], sources.forms)}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** `'sha256-…'` of every inline `<script>` in `html`, so exactly those may run. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\ssrc\s*=/.test(m[0].slice(0, m[0].indexOf(">"))) && m[1])
    .map((m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`);
}
