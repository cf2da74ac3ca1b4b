import { describe, expect, test } from "vitest";
import { normaliseEmail } from "./normalise-email";

describe("normaliseEmail", () => {
  test.each([
    ["ana@example.com", "ana@example.com"],
    ["  Ana.Silva@Example.COM ", "ana.silva@example.com"],
    ["first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk"],
    ["o'neil@example.ie", "o'neil@example.ie"],
    ["x@xn--bcher-kva.example", "x@xn--bcher-kva.example"],
    ["a@b-c.io", "a@b-c.io"],
  ])("accepts %j as %j", (raw, email) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, email });
  });

  test.each([
    ["", "Enter an email address"],
    ["   ", "Enter an email address"],
    ["ana.example.com", "it has no @"],
    ["@example.com", "needs a name before the @"],
    ["ana@", "the domain after the @"],
    ["ana@example", "the domain after the @"],
    ["ana@example.c", "the domain after the @"],
    ["ana@-example.com", "the domain after the @"],
    ["ana@exa_mple.com", "the domain after the @"],
    ["ana@example..com", "the domain after the @"],
    ["ana smith@example.com", "check the part before the @"],
    ["ana..smith@example.com", "check the part before the @"],
    [".ana@example.com", "check the part before the @"],
    ["ana@b@example.com", "check the part before the @"],
    ['"quoted"@example.com', "check the part before the @"],
    [`${"a".repeat(65)}@example.com`, "at most 64 characters"],
    [`a@${"b".repeat(250)}.com`, "at most 254 characters"],
  ])("rejects %j: %s", (raw, message) => {
    const result = normaliseEmail(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
