import { describe, expect, it } from "vitest";
import { pageAccess } from "./page-access";

// Legacy roles and their tasks, MESSENGER.md §5.3.
const ROLES = {
  Admin: ["MANAGE", "CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
  Editor: ["CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
  Moderator: ["MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
  Advertiser: ["ADVERTISE", "ANALYZE"],
  Analyst: ["ANALYZE"],
};

describe("pageAccess", () => {
  it.each(["Admin", "Editor", "Moderator"] as const)("lets a %s connect", (role) => {
    expect(pageAccess(ROLES[role])).toEqual({ role, usable: true });
  });

  it.each([
    [
      "Advertiser",
      "You need the Admin, Editor or Moderator role on this page (you are an Advertiser)",
    ],
    ["Analyst", "You need the Admin, Editor or Moderator role on this page (you are an Analyst)"],
  ] as const)("refuses an %s with the reason", (role, reason) => {
    expect(pageAccess(ROLES[role])).toEqual({ role, usable: false, reason });
  });

  it("refuses a role without MESSAGING", () => {
    expect(pageAccess(["MODERATE", "ANALYZE"])).toMatchObject({ role: "Moderator", usable: false });
  });

  it("refuses when there are no tasks or Facebook sent none", () => {
    expect(pageAccess([])).toEqual({
      usable: false,
      reason: "You need the Admin, Editor or Moderator role on this page (you have no role on it)",
    });
    expect(pageAccess(undefined).usable).toBe(false);
  });
});
