import { describe, expect, test } from "vitest";
import type { FieldType } from "./field-type";
import type { FieldValue } from "./field-value";
import { parseFieldValue } from "./parse-field-value";

describe("parseFieldValue accepts", () => {
  test.each<[FieldType, string, FieldValue]>([
    ["text", "Ana", "Ana"],
    ["text", "", ""],
    ["text", "  spaced  ", "  spaced  "],
    ["text", "😀".repeat(1000), "😀".repeat(1000)],
    ["number", "42", 42],
    ["number", "-12.5", -12.5],
    ["number", " 7 ", 7],
    ["number", "+3", 3],
    ["number", "0.001", 0.001],
    ["number", "-0", 0],
    ["number", "007", 7],
    ["date", "2026-03-31", "2026-03-31"],
    ["date", "2024-02-29", "2024-02-29"],
    ["date", "2000-02-29", "2000-02-29"],
    ["date", " 2026-01-01 ", "2026-01-01"],
    ["date", "0001-01-01", "0001-01-01"],
    ["boolean", "yes", true],
    ["boolean", "YES", true],
    ["boolean", "Y", true],
    ["boolean", "true", true],
    ["boolean", "True", true],
    ["boolean", "1", true],
    ["boolean", "no", false],
    ["boolean", "N", false],
    ["boolean", "FALSE", false],
    ["boolean", "0", false],
    ["boolean", " no ", false],
  ])("%s %j → %j", (type, raw, value) => {
    expect(parseFieldValue(type, raw)).toEqual({ ok: true, value });
  });
});

describe("parseFieldValue rejects", () => {
  test.each<[FieldType, string, string]>([
    ["text", "x".repeat(1001), "Text can be at most 1,000 characters; this has 1,001"],
    ["text", "a\u0000b", "The text contains a character that cannot be stored"],
    ["text", "half \ud83d", "The text contains a character that cannot be stored"],
    ["number", "", "Enter a number"],
    ["number", "12abc", "'12abc' is not a number"],
    ["number", "1,5", "Use a dot for decimals: 1.5, not 1,5"],
    ["number", "1e5", "'1e5' is not a number"],
    ["number", "Infinity", "'Infinity' is not a number"],
    ["number", "NaN", "'NaN' is not a number"],
    ["number", ".5", "'.5' is not a number"],
    ["number", "5.", "'5.' is not a number"],
    ["number", "0x10", "is not a number"],
    ["number", "1".repeat(400), "too large"],
    ["date", "", "Enter a date as YYYY-MM-DD"],
    ["date", "2026-02-30", "'2026-02-30' is not a real date: February 2026 has 28 days"],
    ["date", "2023-02-29", "February 2023 has 28 days"],
    ["date", "1900-02-29", "February 1900 has 28 days"],
    ["date", "2026-04-31", "April 2026 has 30 days"],
    ["date", "2026-13-01", "month must be 01 to 12"],
    ["date", "2026-00-10", "month must be 01 to 12"],
    ["date", "2026-01-00", "January 2026 has 31 days"],
    ["date", "0000-01-01", "year 0000"],
    ["date", "31/03/2026", "use YYYY-MM-DD"],
    ["date", "2026-3-31", "use YYYY-MM-DD"],
    ["date", "2026-03-31T10:00:00Z", "use YYYY-MM-DD"],
    ["boolean", "", "Enter Yes or No"],
    ["boolean", "maybe", "'maybe' is not Yes or No"],
    ["boolean", "2", "is not Yes or No"],
  ])("%s %j: %s", (type, raw, message) => {
    const result = parseFieldValue(type, raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test("long input is shortened in the message", () => {
    const result = parseFieldValue("number", "x".repeat(5000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(200);
  });
});
