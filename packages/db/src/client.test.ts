import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./rows";
import { accounts, users } from "./schema";
import { openTestDatabase, type TestDatabase, testDrivers } from "./testing";

describe.each(testDrivers())("database on %s", (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("applies migrations and runs typed queries", async () => {
    const [account] = await handle.db.insert(accounts).values({ name: "Acme" }).returning();
    expect(account?.timeZone).toBe("UTC");
    await handle.db
      .insert(users)
      .values({ accountId: account!.id, email: "a@acme.test", passwordHash: "x" });
    const found = await handle.db.select().from(users).where(eq(users.accountId, account!.id));
    expect(found.map((u) => u.email)).toEqual(["a@acme.test"]);
  });

  it("enforces unique user emails", async () => {
    const [account] = await handle.db.insert(accounts).values({ name: "B" }).returning();
    const row = { accountId: account!.id, email: "dup@acme.test", passwordHash: "x" };
    await handle.db.insert(users).values(row);
    await expect(handle.db.insert(users).values(row)).rejects.toThrow();
  });

  it("reads raw results the same way on both drivers", async () => {
    const result = await handle.db.execute(sql`select 41 + 1 as answer`);
    expect(rowsOf<{ answer: number }>(result)[0]?.answer).toBe(42);
  });

  it("rolls back a failed transaction completely", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(accounts).values({ name: "Rolled back" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const left = await handle.db.select().from(accounts).where(eq(accounts.name, "Rolled back"));
    expect(left).toHaveLength(0);
  });
});
