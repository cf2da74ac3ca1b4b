import { describe, expect, test } from "vitest";
import { countCodePoints } from "./count-code-points";
import { formatCount } from "./format-count";

describe("countCodePoints", () => {
  test.each([
    ["", 0],
    ["abc", 3],
    ["héllo", 5],
    ["😀", 1],
    ["a😀b", 3],
    ["👍🏽", 2],
    ["\ud800", 1],
    ["\ud800x", 2],
    ["\udc00\ud800", 2],
    ["日本語", 3],
  ])("%j has %i code points", (text, expected) => {
    expect(countCodePoints(text)).toBe(expected);
  });
});

describe("formatCount", () => {
  test.each([
    [0, "0"],
    [999, "999"],
    [2000, "2,000"],
    [1234567, "1,234,567"],
    [-4500, "-4,500"],
  ])("%i → %s", (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});
