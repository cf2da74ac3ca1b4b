import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/**
 * The Content-Security-Policy of the sandbox's pages: scripts only from the sandbox (and the
 * listed hashes of its own inline scripts, never `unsafe-inline`), forms posting only to it (and
 * `forms`, e.g. where the Login dialog redirects), never framed. Inline styles stay allowed: the
 * pages and the Send to Messenger button use them.
 */
export function pagePolicy(
  publicUrl: string,
  extra: { scripts?: string[]; forms?: string[] } = {},
): string {
  const own = `'self' ${new URL(publicUrl).origin}`;
  return [
    "default-src 'self'",
    `script-src ${[own, ...(extra.scripts ?? [])].join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${own}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${[own, ...(extra.forms ?? [])].join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** `'sha256-…'` of every inline `<script>` in `html`, so exactly those may run. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes, body]) => !/\ssrc\s*=/i.test(attributes ?? "") && body)
    .map(([, , body]) => `'sha256-${createHash("sha256").update(body!).digest("base64")}'`);
}

/** Gives every HTML page that chose no policy of its own the sandbox's default one. */
export function pageSecurityHeaders(publicUrl: string): MiddlewareHandler {
  const policy = pagePolicy(publicUrl);
  return async (c, next) => {
    await next();
    const type = c.res.headers.get("Content-Type") ?? "";
    if (type.startsWith("text/html") && !c.res.headers.has("Content-Security-Policy")) {
      c.res.headers.set("Content-Security-Policy", policy);
    }
  };
}
