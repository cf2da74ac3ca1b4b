import { describe, expect, it } from "vitest";
import { ServiceError } from "../../errors";
import { addDays, eachDay, isCalendarDate, rangeLength, resolveRange } from "./stats-range";

const fails = (run: () => unknown, field: string) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(400);
    expect((error as ServiceError).details).toEqual({ fields: { [field]: expect.any(String) } });
    return;
  }
  throw new Error("expected a 400");
};

describe("statistics date ranges", () => {
  it("knows real calendar dates", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(isCalendarDate("20260101")).toBe(false);
  });

  it("counts and lists dates across months, years and DST changes", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(rangeLength({ from: "2026-03-28", to: "2026-03-30" })).toBe(3);
    expect(eachDay({ from: "2026-10-24", to: "2026-10-27" })).toEqual([
      "2026-10-24",
      "2026-10-25",
      "2026-10-26",
      "2026-10-27",
    ]);
  });

  it("defaults to today and the six days before it", () => {
    expect(resolveRange({}, "2026-11-03")).toEqual({ from: "2026-10-28", to: "2026-11-03" });
    expect(resolveRange({ days: 30 }, "2026-11-03")).toEqual({
      from: "2026-10-05",
      to: "2026-11-03",
    });
    expect(resolveRange({ days: 1 }, "2026-11-03")).toEqual({
      from: "2026-11-03",
      to: "2026-11-03",
    });
  });

  it("takes from and to together, up to 366 days", () => {
    expect(resolveRange({ from: "2025-01-01", to: "2026-01-01" }, "2026-11-03")).toEqual({
      from: "2025-01-01",
      to: "2026-01-01",
    });
    fails(() => resolveRange({ from: "2025-01-01", to: "2026-01-02" }, "x"), "to");
    fails(() => resolveRange({ from: "2026-01-02", to: "2026-01-01" }, "x"), "from");
    fails(() => resolveRange({ from: "2026-02-30", to: "2026-03-01" }, "x"), "from");
    fails(() => resolveRange({ from: "2026-02-01", to: "2026-02-30" }, "x"), "to");
    fails(() => resolveRange({ from: "2026-02-01" }, "x"), "to");
    fails(() => resolveRange({ to: "2026-02-01" }, "x"), "from");
    fails(() => resolveRange({ days: 367 }, "2026-11-03"), "days");
  });
});
