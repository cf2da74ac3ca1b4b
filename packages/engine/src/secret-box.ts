import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

/**
 * AES-256-GCM with a random 96-bit nonce; `associatedData` (e.g. the row id) binds a
 * ciphertext to its row, so a ciphertext copied to another row does not decrypt.
 * Format: `v1.<nonce>.<ciphertext>.<tag>` (base64url parts).
 */
export function seal(key: Buffer, plaintext: string, associatedData: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Opens a value made by `seal` with the same key and associated data; throws if tampered. */
export function open(key: Buffer, sealed: string, associatedData: string): string {
  const [version, nonce, body, tag] = sealed.split(".");
  if (version !== VERSION || !nonce || body === undefined || !tag) {
    throw new Error("Not a sealed value");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
