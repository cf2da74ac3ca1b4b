import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySignature } from "./verify-signature";

const SECRET = "app-secret";
// Facebook escapes non-ASCII as \uXXXX and signs exactly these bytes (MESSENGER.md §3.4).
const BODY =
  '{"object":"page","entry":[{"id":"1","time":1458692752478,"messaging":[{"message":{"mid":"m_1","text":"\\u00e4\\u00f6\\u00e5"}}]}]}';
const raw = Buffer.from(BODY, "utf8");
const hex = createHmac("sha256", SECRET).update(raw).digest("hex");
const sha1 = createHmac("sha1", SECRET).update(raw).digest("hex");

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 1;
  return copy;
}

describe("verifySignature", () => {
  it.each<[string, Uint8Array, string | undefined, boolean]>([
    ["a valid signature over the raw bytes", raw, `sha256=${hex}`, true],
    ["a plain Uint8Array body", new Uint8Array(raw), `sha256=${hex}`, true],
    ["uppercase hex (same bytes)", raw, `sha256=${hex.toUpperCase()}`, true],
    ["surrounding whitespace", raw, ` sha256=${hex} `, true],
    ["one changed body byte", flipped(raw, 10), `sha256=${hex}`, false],
    [
      "one changed signature digit",
      raw,
      `sha256=${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`,
      false,
    ],
    ["a missing header", raw, undefined, false],
    ["an empty header", raw, "", false],
    ["the legacy sha1= header alone", raw, `sha1=${sha1}`, false],
    ["sha1 digest under the sha256= prefix", raw, `sha256=${sha1}`, false],
    ["no prefix", raw, hex, false],
    ["hex one digit short", raw, `sha256=${hex.slice(1)}`, false],
    ["hex one byte too long", raw, `sha256=${hex}00`, false],
    ["non-hex characters", raw, `sha256=${"z".repeat(64)}`, false],
    ["two signatures in one header", raw, `sha256=${hex}, sha256=${hex}`, false],
    [
      "a re-serialised JSON body",
      Buffer.from(JSON.stringify(JSON.parse(BODY))),
      `sha256=${hex}`,
      false,
    ],
    ["a body with a trailing newline", Buffer.from(`${BODY}\n`), `sha256=${hex}`, false],
  ])("%s → %s", (_, body, header, expected) => {
    expect(verifySignature(body, header, SECRET)).toBe(expected);
  });

  it("fails with another secret or an empty one", () => {
    expect(verifySignature(raw, `sha256=${hex}`, "other-secret")).toBe(false);
    const emptyKeyHex = createHmac("sha256", "").update(raw).digest("hex");
    expect(verifySignature(raw, `sha256=${emptyKeyHex}`, "")).toBe(false);
  });
});
