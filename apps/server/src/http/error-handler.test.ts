import { openTestDatabase, type TestDatabase, testDrivers } from "@waymark/db/testing";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorHandler } from "./error-handler";

describe.each(testDrivers())("error handler backstop on %s", (driver) => {
  let database: TestDatabase;
  let app: Hono;
  beforeAll(async () => {
    database = await openTestDatabase(driver, [], { migrate: false });
    // Queries no schema guards, so PostgreSQL itself refuses the text.
    app = new Hono()
      .get("/text", async (c) => c.json(await database.db.execute(sql`select ${"a\u0000b"}::text`)))
      .get("/json", async (c) =>
        c.json(await database.db.execute(sql`select ${'{"a":"\\u0000"}'}::jsonb`)),
      )
      .get("/other", async (c) => c.json(await database.db.execute(sql`select 1/0`)))
      .onError(errorHandler);
  });
  afterAll(() => database?.close());

  it.each([
    ["/text", "22021"],
    ["/json", "22P05"],
  ])("answers PostgreSQL's refusal of the text in %s (%s) with 400, not 500", async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "invalid_request", message: expect.stringContaining("NUL character") },
    });
  });

  it("still answers other database errors with 500", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await app.request("/other")).status).toBe(500);
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
    }
  });
});
