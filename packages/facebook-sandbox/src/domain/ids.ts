import { randomBytes, randomInt } from "node:crypto";

/** A Graph-style numeric id: a decimal string of `digits` digits that never starts with 0. */
export function newNumericId(digits = 15): string {
  let id = String(randomInt(1, 10));
  while (id.length < digits) id += String(randomInt(0, 1_000_000)).padStart(6, "0");
  return id.slice(0, digits);
}

/** A page-scoped user id, 16 digits like Facebook's. */
export function newPsid(): string {
  return newNumericId(16);
}

/** An opaque access token in Facebook's `EAA…` style. */
export function newAccessToken(): string {
  return `EAA${randomBytes(60).toString("base64url").replace(/[-_]/g, "Z")}`;
}

// Pre-drawn random bytes keep message id generation cheap on the hot send path.
let pool = Buffer.alloc(0);
let poolOffset = 0;
const MID_BYTES = 48;

/** A message id in Facebook's current `m_…` style. */
export function newMessageId(): string {
  if (poolOffset + MID_BYTES > pool.length) {
    pool = randomBytes(MID_BYTES * 512);
    poolOffset = 0;
  }
  const id = pool.toString("base64url", poolOffset, poolOffset + MID_BYTES);
  poolOffset += MID_BYTES;
  return `m_${id}`;
}

/** A short random code, such as an OAuth code or an opt-in id. */
export function newCode(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/** The `fbtrace_id` every Graph error carries. */
export function newTraceId(): string {
  return randomBytes(8).toString("base64").replace(/[+/=]/g, "A").slice(0, 11);
}
