import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

describe("secret box", () => {
  const key = randomBytes(32);

  it("round-trips and never contains the plaintext", () => {
    const sealed = seal(key, "EAAB-page-token", "row-1");
    expect(sealed).not.toContain("EAAB");
    expect(open(key, sealed, "row-1")).toBe("EAAB-page-token");
  });

  it("uses a fresh nonce every time", () => {
    expect(seal(key, "same", "row")).not.toBe(seal(key, "same", "row"));
  });

  it("refuses a ciphertext moved to another row", () => {
    const a = seal(key, "token A", "row-a");
    const b = seal(key, "token B", "row-b");
    expect(() => open(key, a, "row-b")).toThrow();
    expect(() => open(key, b, "row-a")).toThrow();
  });

  it("refuses a tampered ciphertext or the wrong key", () => {
    const sealed = seal(key, "token", "row");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[2]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString("base64url");
    expect(() => open(key, parts.join("."), "row")).toThrow();
    expect(() => open(randomBytes(32), sealed, "row")).toThrow();
  });
});
