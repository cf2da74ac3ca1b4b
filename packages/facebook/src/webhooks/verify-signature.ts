import { createHmac, timingSafeEqual } from "node:crypto";

const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>` against HMAC-SHA256 of the exact raw body keyed by
 * the app secret, in constant time; a missing, malformed or `sha1=`-only header fails.
 */
export function verifySignature(
  rawBody: Uint8Array,
  header: string | undefined | null,
  appSecret: string,
): boolean {
  if (appSecret === "" || typeof header !== "string") return false;
  const match = HEADER_PATTERN.exec(header.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
