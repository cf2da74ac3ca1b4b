import { rowsOf } from "@waymark/db";
import { openTestDatabase, testDrivers } from "@waymark/db/testing";
import { startStatement } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

describe.each(testDrivers())("startStatement on %s", (driver) => {
  it("runs statements started together in the order they were started, in one transaction", async () => {
    const handle = await openTestDatabase(driver);
    try {
      const { db } = handle;
      await db.execute(sql`create table started (n serial primary key, label text not null)`);
      // Each later statement reads what the earlier ones wrote: it fails unless they ran first.
      await db.transaction(async (tx) => {
        const first = startStatement(tx.execute(sql`insert into started (label) values ('first')`));
        // A statement started inside an async step still keeps its place.
        const second = (async () =>
          startStatement(
            tx.execute(sql`insert into started (label)
              select 'second' where exists (select 1 from started where label = 'first')`),
          ))();
        const third = startStatement(
          tx.execute(sql`insert into started (label)
            select 'third' where (select count(*) from started) = 2`),
        );
        await Promise.all([first, second, third]);
      });
      const rows = rowsOf<{ n: number; label: string }>(
        await db.execute(sql`select n, label from started order by n`),
      );
      expect(rows.map((r) => r.label)).toEqual(["first", "second", "third"]);
    } finally {
      await handle.close();
    }
  });

  it("rolls the whole transaction back when one of the statements fails", async () => {
    const handle = await openTestDatabase(driver);
    try {
      const { db } = handle;
      await db.execute(sql`create table started (n int primary key)`);
      await expect(
        db.transaction(async (tx) => {
          await Promise.all([
            startStatement(tx.execute(sql`insert into started values (1)`)),
            startStatement(tx.execute(sql`insert into started values (1)`)),
            startStatement(tx.execute(sql`insert into started values (2)`)),
          ]);
        }),
      ).rejects.toThrow();
      const rows = rowsOf<{ n: number }>(await db.execute(sql`select n from started`));
      expect(rows).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
