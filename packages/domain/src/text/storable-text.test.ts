import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isStorableText, storableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Whole characters, pairs and their halves, so strings join halves into pairs and split them.
const pieces = fc.constantFrom(
  "a",
  "é",
  "日",
  "\u0000",
  "😀",
  "\ud83d",
  "\ude00",
  "\udbff",
  "\udc00",
);

describe("isStorableText", () => {
  test.each([
    ["", true],
    ["plain", true],
    ["héllo 日本語", true],
    ["😀 a pair", true],
    ["👍🏽", true],
    ["a\u0000b", false],
    ["\u0000", false],
    ["a\ud800b", false],
    ["end\ud83d", false],
    ["\udc00start", false],
    ["\ude00\ud83d", false],
    ["ok😀\udfff", false],
  ])("%j → %s", (text, expected) => {
    expect(isStorableText(text)).toBe(expected);
  });

  test("agrees with a UTF-8 round trip for any text without NUL", () => {
    fc.assert(
      fc.property(fc.string({ unit: pieces }), (text) => {
        const roundTrips = decoder.decode(encoder.encode(text)) === text;
        expect(isStorableText(text)).toBe(roundTrips && !text.includes("\u0000"));
      }),
    );
  });
});

describe("storableText", () => {
  test("refuses unstorable text with the shared message and keeps chained limits", () => {
    const name = storableText().trim().min(1, "is required").max(5);
    expect(name.parse("  ab ")).toBe("ab");
    expect(name.safeParse("a\u0000").error?.issues[0]?.message).toBe(UNSTORABLE_TEXT_MESSAGE);
    expect(name.safeParse("abcdef").success).toBe(false);
    expect(name.safeParse(" ").error?.issues[0]?.message).toBe("is required");
  });

  test("takes the string schema's own error parameters", () => {
    const named = storableText({ error: "must be text" });
    expect(named.safeParse(3).error?.issues[0]?.message).toBe("must be text");
  });
});
