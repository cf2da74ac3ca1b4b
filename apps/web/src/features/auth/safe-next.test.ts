import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each([
    ["/contacts", "/contacts"],
    ["/settings/api-keys?x=1", "/settings/api-keys?x=1"],
    [null, "/programs"],
    ["", "/programs"],
    ["https://evil.example/", "/programs"],
    ["//evil.example/path", "/programs"],
    ["javascript:alert(1)", "/programs"],
    ["/\\evil.example/path", "/programs"],
    ["/\t/evil.example/path", "/programs"],
    ["/contacts/../..//evil.example", "/programs"],
    ["/contacts/%2e%2e/%2f%2fevil.example", "/programs"],
  ])("%s → %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
