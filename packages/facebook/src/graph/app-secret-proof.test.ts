import { describe, expect, it } from "vitest";
import { appSecretProof, appSecretProofs } from "./app-secret-proof";

describe("appSecretProof", () => {
  it("is the lowercase hex HMAC-SHA256 of the token keyed by the secret", () => {
    // The well-known HMAC-SHA256 test vector (key "key").
    expect(appSecretProof("The quick brown fox jumps over the lazy dog", "key")).toBe(
      "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    );
  });
});

describe("appSecretProofs", () => {
  it("answers the same proof as appSecretProof for every token, before and after it forgets", () => {
    const proofs = appSecretProofs("secret", 2);
    for (const token of ["a", "b", "a", "c", "d", "a", "b"]) {
      expect(proofs(token)).toBe(appSecretProof(token, "secret"));
    }
  });
});
