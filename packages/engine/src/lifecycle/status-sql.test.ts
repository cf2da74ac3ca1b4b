import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { movedBy, movedTo } from "./status-sql";

const text = (query: ReturnType<typeof sql>) => new PgDialect().sqlToQuery(query);

describe("the lifecycle's SQL statuses", () => {
  it("guards a statement with the statuses the domain's table moves, inlined as literals", () => {
    expect(text(movedBy("delivery", sql`m.status`))).toEqual({
      sql: "m.status in ('sent', 'unknown')",
      params: [],
    });
    expect(text(movedBy("read", sql`status`, ["delivered"])).sql).toBe("status in ('delivered')");
  });

  it("refuses a guard or a target the table does not allow", () => {
    expect(() => movedBy("read", sql`status`, ["queued"])).toThrow(
      /read does not move a message from queued/,
    );
    expect(() => movedBy("claimed", sql`status`, [])).toThrow();
    expect(() => movedTo("read", "claimed")).toThrow(/claimed does not move a message from read/);
  });

  it("takes the target from the table, echo included", () => {
    expect(text(movedTo("in_flight", "answered_lost")).sql).toBe("'unknown'");
    expect(text(movedTo("in_flight", "answered_retry", true)).sql).toBe("'sent'");
  });
});
