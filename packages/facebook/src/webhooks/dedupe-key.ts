import { createHash } from "node:crypto";

/** A fixed-length key for a tuple of event fields: `<kind>:<base64url sha256 of the JSON tuple>`. */
export function dedupeKey(kind: string, parts: readonly unknown[]): string {
  const digest = createHash("sha256").update(JSON.stringify(parts), "utf8").digest("base64url");
  return `${kind}:${digest}`;
}
