import { describe, expect, it } from "vitest";
import { localDateTime, localDay } from "./local-time";

describe("local time in an account's time zone", () => {
  const at = new Date("2026-11-20T23:30:05Z");

  it("gives the calendar date there", () => {
    expect(localDay(at, "UTC")).toBe("2026-11-20");
    expect(localDay(at, "Europe/Paris")).toBe("2026-11-21");
    expect(localDay(at, "America/Los_Angeles")).toBe("2026-11-20");
  });

  it("gives the wall-clock time there, midnight as 00", () => {
    expect(localDateTime(at, "Europe/Paris")).toBe("2026-11-21 00:30:05");
    expect(localDateTime(at, "Asia/Tokyo")).toBe("2026-11-21 08:30:05");
  });
});
