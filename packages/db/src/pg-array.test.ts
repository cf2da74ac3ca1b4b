import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgArray } from "./pg-array";
import { rowsOf } from "./rows";
import { openTestDatabase, type TestDatabase, testDrivers } from "./testing";

describe("pgArray", () => {
  it("quotes strings, writes numbers bare and null as NULL", () => {
    expect(pgArray(["a", 'b"c', "d\\e", null, 3, true])).toBe('{"a","b\\"c","d\\\\e",NULL,3,true}');
    expect(pgArray([])).toBe("{}");
  });

  it("refuses numbers PostgreSQL cannot read back", () => {
    expect(() => pgArray([Number.NaN])).toThrow(/finite/);
  });
});

describe.each(testDrivers())("pgArray read back by %s", (driver) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(() => handle?.close());

  it("round-trips any text, including nulls, through text[] and nested text[] casts", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.option(
            fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replace(/\0/g, "")),
            {
              nil: null,
            },
          ),
          { maxLength: 8 },
        ),
        async (values) => {
          const rows = rowsOf<{ v: string | null }>(
            await handle.db.execute(
              sql`select v from unnest((select ${pgArray(values)}::text[])) with ordinality as u(v, i) order by i`,
            ),
          );
          expect(rows.map((r) => r.v)).toEqual(values);
          // An array literal as an element of another (how a turn's path travels); read back
          // through unnest, as postgres.js reads a NULL array element as the string "NULL".
          const nested = rowsOf<{ v: string | null }>(
            await handle.db.execute(
              sql`select v from unnest((select ${pgArray([pgArray(values)])}::text[])[1]::text[])
                with ordinality as u(v, i) order by i`,
            ),
          );
          expect(nested.map((r) => r.v)).toEqual(values);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("casts to uuid, bigint, timestamptz and jsonb arrays", async () => {
    const id = "0b7c5e1e-4f7a-4d36-9a59-3f0f9c1d2e10";
    const [row] = rowsOf<{ u: string; n: string; t: string; j: unknown }>(
      await handle.db.execute(sql`select (${pgArray([id])}::uuid[])[1]::text as u,
        (${pgArray([9_007_199_254_740_991])}::bigint[])[1]::text as n,
        (${pgArray(["2024-03-01T10:00:00.000Z"])}::timestamptz[])[1] = '2024-03-01T10:00:00Z' as t,
        (${pgArray([JSON.stringify({ A: 'x"y', B: 2 })])}::jsonb[])[1] as j`),
    );
    expect(row).toEqual({ u: id, n: "9007199254740991", t: true, j: { A: 'x"y', B: 2 } });
  });
});
