import { describe, expect, test } from "vitest";
import { safeAppPath } from "./safe-app-path";

const under = "/settings/channels/messenger";
const fallback = "/settings/channels/messenger/new";
const safe = (input: string | null) => safeAppPath(input, { under, fallback });

describe("safeAppPath", () => {
  test.each([
    ["/settings/channels/messenger", "/settings/channels/messenger"],
    ["/settings/channels/messenger/new", "/settings/channels/messenger/new"],
    ["/settings/channels/messenger/abc?tab=1", "/settings/channels/messenger/abc?tab=1"],
    ["/settings/channels/messenger/abc#frag", "/settings/channels/messenger/abc"],
    // Dot segments that stay inside are resolved, not refused.
    ["/settings/channels/messenger/x/../y", "/settings/channels/messenger/y"],
    // Encoded twice, "%252e%252e" is a plain segment to the browser: it stays inside.
    [
      "/settings/channels/messenger/%252e%252e/%252e%252e",
      "/settings/channels/messenger/%252e%252e/%252e%252e",
    ],
  ])("keeps %j as %j", (input, expected) => {
    expect(safe(input)).toBe(expected);
  });

  test.each([
    "/settings/channels/messenger/../../..//evil.example/x",
    "/settings/channels/messenger/..\\..\\..\\/evil.example/x",
    "/settings/channels/messenger/%2e%2e/%2e%2e/%2e%2e//evil.example/x",
    "/settings/channels/messenger/%2E%2E/%2E%2E/%2E%2E/%2f%2fevil.example/x",
    "/settings/channels/messenger/.%2e/.%2e/.%2e/%2f%2fevil.example",
    "/settings/channels/messenger/%2f%2fevil.example",
    "/settings/channels/messenger/%5c%5cevil.example",
    "/\\evil.example/settings/channels/messenger",
    "\\\\evil.example/settings/channels/messenger",
    "//evil.example/settings/channels/messenger",
    "/\t/evil.example/settings/channels/messenger",
    "/\n/evil.example/settings/channels/messenger",
    "/settings/channels/messenger/\r\n/x",
    "/settings/channels/messenger/%09/x",
    "https://evil.example/settings/channels/messenger",
    "http:/evil.example/settings/channels/messenger",
    "javascript:alert(1)//settings/channels/messenger",
    " /settings/channels/messenger",
    "settings/channels/messenger",
    "/settings/channels/messengerx",
    "/settings/api-keys",
    "/settings/channels/messenger/%zz",
    "",
    null,
  ])("refuses %j", (input) => {
    expect(safe(input)).toBe(fallback);
  });

  test("anything under / by default", () => {
    expect(safeAppPath("/contacts?x=1", { fallback: "/programs" })).toBe("/contacts?x=1");
    expect(safeAppPath("//evil.example", { fallback: "/programs" })).toBe("/programs");
  });
});
