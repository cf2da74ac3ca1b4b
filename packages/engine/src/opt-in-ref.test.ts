import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeOptInRef, readOptInRef } from "./opt-in-ref";

describe("opt-in refs", () => {
  const key = randomBytes(32);
  const claims = { profileId: randomUUID(), contactId: randomUUID() };
  const now = new Date("2026-11-25T12:00:00Z");

  it("round-trips within the plugin's alphabet and length", () => {
    const ref = makeOptInRef(key, claims, now);
    expect(ref.length).toBeLessThanOrEqual(250);
    expect(ref).toMatch(/^[a-zA-Z0-9+/=\-.:_]+$/);
    expect(ref).not.toContain("@");
    expect(readOptInRef(key, ref, now)).toEqual({ ok: true, ...claims });
  });

  it("refuses a ref whose contact was swapped", () => {
    const ref = makeOptInRef(key, claims, now);
    const forged = ref.replace(claims.contactId, randomUUID());
    expect(readOptInRef(key, forged, now)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("refuses a ref signed with another key", () => {
    const ref = makeOptInRef(randomBytes(32), claims, now);
    expect(readOptInRef(key, ref, now).ok).toBe(false);
  });

  it("refuses an expired ref", () => {
    const ref = makeOptInRef(key, claims, now);
    const later = new Date(now.getTime() + 400 * 86_400_000);
    expect(readOptInRef(key, ref, later)).toEqual({ ok: false, reason: "expired" });
  });

  it.each(["", "a.b", "x.y.z.w.v", "...."])("refuses malformed %j", (ref) => {
    expect(readOptInRef(key, ref, now).ok).toBe(false);
  });
});
