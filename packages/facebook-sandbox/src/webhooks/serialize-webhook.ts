import { createHmac } from "node:crypto";

/**
 * Serialises a webhook body as Facebook does: every non-ASCII UTF-16 unit escaped as a
 * lowercase `\uXXXX` (MESSENGER.md §3.4) and `/` escaped as `\/`, so receivers must verify
 * the signature over the raw bytes, never over a re-serialised object.
 */
export function serializeWebhookBody(payload: unknown): string {
  let json = JSON.stringify(payload);
  // The tests are cheap scans; the replacements copy a body of up to 200 events.
  if (NON_ASCII.test(json)) {
    json = json.replace(
      NON_ASCII_ALL,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  return json.includes("/") ? json.replaceAll("/", "\\/") : json;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

/** The `X-Hub-Signature-256` and legacy `X-Hub-Signature` headers for a body. */
export function signatureHeaders(appSecret: string, body: string): Record<string, string> {
  const bytes = Buffer.from(body, "utf8");
  return {
    "X-Hub-Signature-256": `sha256=${createHmac("sha256", appSecret).update(bytes).digest("hex")}`,
    "X-Hub-Signature": `sha1=${createHmac("sha1", appSecret).update(bytes).digest("hex")}`,
  };
}
