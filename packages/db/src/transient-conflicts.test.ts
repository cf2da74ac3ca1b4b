import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { isTransientConflict, retryOnConflict } from "./transient-conflicts";

const coded = (code: string) => Object.assign(new Error(code), { code });

describe("retryOnConflict", () => {
  it("knows a deadlock and a serialization failure, also inside Drizzle's query error", () => {
    expect(isTransientConflict(new DrizzleQueryError("delete", [], coded("40P01")))).toBe(true);
    expect(isTransientConflict(coded("40001"))).toBe(true);
    expect(isTransientConflict(coded("23505"))).toBe(false);
  });

  it("runs the transaction again after a conflict, at most as many times as asked", async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        if (++runs < 3) throw coded("40P01");
        return "done";
      }),
    ).resolves.toBe("done");
    runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw coded("40P01");
      }, 2),
    ).rejects.toMatchObject({ code: "40P01" });
    expect(runs).toBe(2);
  });

  it("throws any other error at once", async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw coded("23505");
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(runs).toBe(1);
  });
});
