import { describe, expect, test } from "vitest";
import type { FieldType } from "./field-type";
import { formatFieldValue } from "./format-field-value";
import { parseFieldInput } from "./parse-field-input";
import { toFieldValue } from "./to-field-value";

describe("formatFieldValue", () => {
  test.each<[FieldType, Parameters<typeof formatFieldValue>[1], string]>([
    ["text", "Ana", "Ana"],
    ["text", null, ""],
    ["text", undefined, ""],
    ["number", 12.5, "12.5"],
    ["number", -3, "-3"],
    ["number", "7", "7"],
    ["date", "2026-03-31", "2026-03-31"],
    ["boolean", true, "Yes"],
    ["boolean", false, "No"],
    ["boolean", "yes", "Yes"],
    ["boolean", "nonsense", "nonsense"],
    ["number", true, "true"],
    ["text", 42, "42"],
  ])("%s %j → %j", (type, value, expected) => {
    expect(formatFieldValue(type, value)).toBe(expected);
  });
});

describe("toFieldValue", () => {
  test.each<[FieldType, unknown, unknown]>([
    ["text", "a", "a"],
    ["text", "", undefined],
    ["text", 3, undefined],
    ["number", 3, 3],
    ["number", "3.5", 3.5],
    ["number", Number.NaN, undefined],
    ["number", "x", undefined],
    ["date", "2026-01-02", "2026-01-02"],
    ["date", "2026-02-30", undefined],
    ["date", 20260102, undefined],
    ["boolean", false, false],
    ["boolean", "n", false],
    ["boolean", null, undefined],
    ["boolean", {}, undefined],
  ])("%s %j → %j", (type, value, expected) => {
    expect(toFieldValue(type, value)).toBe(expected);
  });
});

describe("parseFieldInput", () => {
  test.each<[FieldType, unknown, unknown]>([
    ["number", 12, { ok: true, value: 12 }],
    ["number", 1e21, { ok: true, value: 1e21 }],
    ["number", "12", { ok: true, value: 12 }],
    ["boolean", true, { ok: true, value: true }],
    ["boolean", "yes", { ok: true, value: true }],
    ["date", "2026-01-31", { ok: true, value: "2026-01-31" }],
    ["text", "hi", { ok: true, value: "hi" }],
  ])("%s %j is accepted", (type, input, expected) => {
    expect(parseFieldInput(type, input)).toEqual(expected);
  });

  test.each<[FieldType, unknown, string]>([
    ["number", Number.POSITIVE_INFINITY, "Expected a number, got Infinity"],
    ["number", true, "Expected a number, got a boolean"],
    ["text", 5, "Expected text, got a number"],
    ["date", null, "Expected a date as YYYY-MM-DD, got null"],
    ["boolean", [], "Expected true or false, got a list"],
    ["boolean", {}, "Expected true or false, got an object"],
    ["date", "2026-02-30", "not a real date"],
  ])("%s %j is rejected: %s", (type, input, message) => {
    const result = parseFieldInput(type, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
