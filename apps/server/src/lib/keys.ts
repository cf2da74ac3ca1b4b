import { hkdfSync } from "node:crypto";

export type KeyPurpose =
  | "page-token"
  | "optin-ref"
  | "sandbox-app-secret"
  | "sandbox-verify-token"
  | "sandbox-admin-token";

/** Derives an independent 32-byte key per purpose from SECRET_KEY (HKDF-SHA256). */
export function deriveKey(secretKey: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey, "waymark", purpose, 32));
}
