import { describe, expect, test } from "vitest";
import { fieldNameSchema, isFieldName, validateFieldName } from "./field-name";

describe("validateFieldName", () => {
  test.each(["FIRSTNAME", "A", "AGE_2", "X1", "ABCDEFGHIJKLMNOPQRST", "LAST_ORDER_DATE"])(
    "accepts %s",
    (name) => {
      expect(validateFieldName(name)).toEqual({ ok: true, name });
    },
  );

  test.each([
    ["", "Enter a field name"],
    ["   ", "Enter a field name"],
    ["ABCDEFGHIJKLMNOPQRSTU", "at most 20 characters; this one has 21"],
    ["firstname", "Use upper case letters: FIRSTNAME, not firstname"],
    ["First_Name", "Use upper case letters: FIRST_NAME"],
    ["1ST", "must start with a letter"],
    ["_NAME", "must start with a letter"],
    ["FIRST NAME", "remove ' '"],
    ["FIRST-NAME", "remove '-'"],
    ["PRÉNOM", "remove 'É'"],
    ["straße", "remove 'ß'"],
    ["EMAIL", "EMAIL is reserved"],
    ["FBOPTIN_7KQ2", "reserved for Messenger opt-in fields"],
    ["FBOPTIN_X", "reserved for Messenger opt-in fields"],
    ["FBOPTINLINK_7KQ2", "reserved for Messenger opt-in fields"],
  ])("rejects %j with a message containing %j", (name, message) => {
    const result = validateFieldName(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("isFieldName", () => {
  test.each([
    ["FIRSTNAME", true],
    ["EMAIL", true],
    ["FBOPTIN_7KQ2", true],
    ["firstname", false],
    ["", false],
    ["A".repeat(21), false],
  ])("%s → %s", (name, expected) => {
    expect(isFieldName(name)).toBe(expected);
  });
});

describe("fieldNameSchema", () => {
  test("reports the same message as validateFieldName", () => {
    const result = fieldNameSchema.safeParse("bad name");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("remove ' '");
  });

  test("accepts a good name", () => {
    expect(fieldNameSchema.parse("AGE")).toBe("AGE");
  });
});
