import { DrizzleQueryError } from "drizzle-orm/errors";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./connection-errors";

function coded(code: string, message = code) {
  return Object.assign(new Error(message), { code });
}

describe("isDatabaseUnavailable", () => {
  it("knows a refused or cut connection, also inside Drizzle's query error", () => {
    expect(isDatabaseUnavailable(coded("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], coded("ECONNRESET")))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(new DrizzleQueryError("select 1", [], coded("CONNECTION_CLOSED"))),
    ).toBe(true);
    expect(isDatabaseUnavailable(coded("CONNECT_TIMEOUT"))).toBe(true);
  });

  it("knows every attempt of a multi-address connect failing", () => {
    const both = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")], "connect");
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], both))).toBe(true);
  });

  it("knows PostgreSQL shutting down, starting up, out of connections or a lost link", () => {
    for (const sqlState of ["57P01", "57P02", "57P03", "53300", "08006", "08001"]) {
      expect(isDatabaseUnavailable(new postgres.PostgresError({ code: sqlState } as never))).toBe(
        true,
      );
    }
  });

  it("leaves query failures alone", () => {
    expect(isDatabaseUnavailable(coded("23505", "duplicate key"))).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select x", [], coded("42703")))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
