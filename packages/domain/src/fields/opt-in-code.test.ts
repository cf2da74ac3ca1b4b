import { describe, expect, test } from "vitest";
import { DEFAULT_FIELDS } from "./default-fields";
import { generateOptInCode, isOptInCode, OPT_IN_CODE_ALPHABET } from "./opt-in-code";
import { isSystemFieldName, makeOptInFieldName } from "./system-field-name";

describe("generateOptInCode", () => {
  test.each([
    [[0, 0, 0, 0], "2222"],
    [[31, 31, 31, 31], "ZZZZ"],
    [[5, 17, 22, 0], "7KQ2"],
    [[32, 33, 255, 64], "23Z2"],
  ])("bytes %j → %s", (bytes, code) => {
    expect(generateOptInCode(new Uint8Array(bytes))).toBe(code);
  });

  test("uses only the first four bytes", () => {
    expect(generateOptInCode(new Uint8Array([5, 17, 22, 0, 9, 9]))).toBe("7KQ2");
  });

  test("refuses fewer than four bytes", () => {
    expect(() => generateOptInCode(new Uint8Array(3))).toThrow(RangeError);
  });

  test("alphabet has 32 unambiguous characters", () => {
    expect(OPT_IN_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(OPT_IN_CODE_ALPHABET).size).toBe(32);
    for (const ambiguous of ["0", "O", "1", "I"]) {
      expect(OPT_IN_CODE_ALPHABET).not.toContain(ambiguous);
    }
  });
});

describe("isOptInCode", () => {
  test.each([
    ["7KQ2", true],
    ["ZZZZ", true],
    ["7kq2", false],
    ["7KQ", false],
    ["7KQ22", false],
    ["0KQ2", false],
    ["IKQ2", false],
  ])("%s → %s", (code, expected) => {
    expect(isOptInCode(code)).toBe(expected);
  });
});

describe("system fields", () => {
  test("makeOptInFieldName prefixes the code", () => {
    expect(makeOptInFieldName("7KQ2")).toBe("FBOPTIN_7KQ2");
  });

  test("makeOptInFieldName refuses a malformed code", () => {
    expect(() => makeOptInFieldName("oops")).toThrow(RangeError);
  });

  test.each([
    ["FBOPTIN_7KQ2", true],
    ["FBOPTIN_", true],
    ["FIRSTNAME", false],
    ["EMAIL", false],
    ["XFBOPTIN_7KQ2", false],
  ])("isSystemFieldName(%s) → %s", (name, expected) => {
    expect(isSystemFieldName(name)).toBe(expected);
  });

  test("new accounts get FIRSTNAME, LASTNAME and FULLNAME as text", () => {
    expect(DEFAULT_FIELDS.map((field) => [field.name, field.type])).toEqual([
      ["FIRSTNAME", "text"],
      ["LASTNAME", "text"],
      ["FULLNAME", "text"],
    ]);
  });
});
