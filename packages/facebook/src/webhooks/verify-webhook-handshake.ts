import { createHash, timingSafeEqual } from "node:crypto";

/** Query of the verification GET, as URLSearchParams or a plain record (e.g. Hono's `c.req.query()`). */
export type HandshakeQuery = URLSearchParams | Record<string, string | string[] | undefined>;

function read(query: HandshakeQuery, key: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(key) ?? undefined;
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time reveals nothing about the token.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Answers Facebook's webhook verification (MESSENGER.md §3.1): the `hub.challenge` to echo with
 * HTTP 200 when `hub.mode` is `subscribe` and the verify token matches, else null (answer 403).
 */
export function verifyWebhookHandshake(query: HandshakeQuery, verifyToken: string): string | null {
  const mode = read(query, "hub.mode");
  const token = read(query, "hub.verify_token");
  const challenge = read(query, "hub.challenge");
  if (verifyToken === "" || mode !== "subscribe" || token === undefined) return null;
  if (challenge === undefined || challenge === "") return null;
  return sameSecret(token, verifyToken) ? challenge : null;
}
