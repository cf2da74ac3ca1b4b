import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe secret of `bytes` bytes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 hex of a high-entropy secret (session tokens, API keys): what the database keeps. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
