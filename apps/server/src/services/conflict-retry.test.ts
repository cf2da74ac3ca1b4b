import { describe, expect, it } from "vitest";
import { ServiceError } from "../errors";
import { retryConflicts } from "./conflict-retry";

const coded = (code: string) => Object.assign(new Error(code), { code });

describe("retryConflicts", () => {
  it("answers 503 in plain words when the deadlock persists, never the database's error", async () => {
    let runs = 0;
    const failed = await retryConflicts(async () => {
      runs++;
      throw coded("40P01");
    }, "Waymark is busy; try again in a moment").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ServiceError);
    expect(failed).toMatchObject({
      status: 503,
      message: "Waymark is busy; try again in a moment",
    });
    expect(runs).toBe(3);
  });

  it("passes other errors through as they are", async () => {
    const unique = coded("23505");
    await expect(retryConflicts(() => Promise.reject(unique), "busy")).rejects.toBe(unique);
  });
});
