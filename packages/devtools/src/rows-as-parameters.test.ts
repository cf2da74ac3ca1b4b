import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { root, sourceFiles } from "./source-files";

// Rows travel to SQL one way: `unnestRows` (packages/db/src/pg-array.ts), one array literal per
// column, never as a JSON record set.

const CODE = /\.(ts|tsx|js|mjs|cjs)$/;
const THIS_FILE = relative(root, import.meta.filename);

/** Whether `text` passes rows to SQL as JSON rather than through `unnestRows`. */
export function passesRowsAsJson(text: string): boolean {
  return /\b(jsonb?_to_recordset|jsonb?_populate_recordset)\s*\(/i.test(text);
}

describe("rows as SQL parameters", () => {
  it("finds JSON record sets, whatever their case and spacing, and not unnestRows", () => {
    expect(passesRowsAsJson("from jsonb_to_recordset($1::jsonb) as r(id uuid)")).toBe(true);
    expect(passesRowsAsJson("FROM JSON_TO_RECORDSET ($1) as r(id uuid)")).toBe(true);
    expect(passesRowsAsJson("select * from jsonb_populate_recordset(null::t, $1)")).toBe(true);
    expect(passesRowsAsJson("from unnest(($1::uuid[])) as r(id)")).toBe(false);
  });

  it("go through unnestRows everywhere", () => {
    const offenders = ["apps", "packages", "e2e"]
      .flatMap((folder) => sourceFiles(join(root, folder), CODE))
      .map((path) => relative(root, path))
      .filter((path) => path !== THIS_FILE)
      .filter((path) => passesRowsAsJson(readFileSync(join(root, path), "utf8")));
    expect(offenders).toEqual([]);
  });
});
