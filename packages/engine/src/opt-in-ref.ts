import { createHmac, timingSafeEqual } from "node:crypto";

const DAY_MS = 86_400_000;
/** Refs stay valid this long after they are issued. */
export const OPT_IN_REF_TTL_DAYS = 365;

export interface OptInRefClaims {
  profileId: string;
  contactId: string;
}

function mac(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest().subarray(0, 16).toString("base64url");
}

/**
 * An unforgeable opt-in ref (SPEC §4.1): `<profile>.<contact>.<expiry day>.<HMAC>`, within the
 * Send to Messenger plugin's alphabet and 250-character limit; ids are random uuids.
 */
export function makeOptInRef(key: Buffer, claims: OptInRefClaims, now: Date): string {
  const expiresDay = Math.floor(now.getTime() / DAY_MS) + OPT_IN_REF_TTL_DAYS;
  const payload = `${claims.profileId}.${claims.contactId}.${expiresDay.toString(36)}`;
  return `${payload}.${mac(key, payload)}`;
}

export type OptInRefCheck =
  | ({ ok: true } & OptInRefClaims)
  | { ok: false; reason: "malformed" | "bad signature" | "expired" };

/** Verifies a ref in constant time; expired or tampered refs are refused. */
export function readOptInRef(key: Buffer, ref: string, now: Date): OptInRefCheck {
  const parts = ref.split(".");
  if (parts.length !== 4) return { ok: false, reason: "malformed" };
  const [profileId, contactId, expires, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(key, `${profileId}.${contactId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad signature" };
  }
  if (Number.parseInt(expires, 36) * DAY_MS < now.getTime())
    return { ok: false, reason: "expired" };
  return { ok: true, profileId, contactId };
}
