import { describe, expect, test } from "vitest";
import { migrateProgramDocument } from "./migrate-program-document";
import { CURRENT_PROGRAM_SCHEMA_VERSION } from "./program-migrations";
import { runMigrations } from "./run-migrations";

// A pretend future: v1 → v2 renames `edges` to `links`, v2 → v3 adds a `name`.
const migrations = {
  1: (doc: Record<string, unknown>) => {
    const { edges, ...rest } = doc;
    return { ...rest, schemaVersion: 2, links: edges };
  },
  2: (doc: Record<string, unknown>) => ({ ...doc, schemaVersion: 3, name: "Untitled" }),
};

describe("runMigrations", () => {
  test.each([
    [1, { schemaVersion: 3, nodes: [], links: [], name: "Untitled" }],
    [2, { schemaVersion: 3, nodes: [], edges: [], name: "Untitled" }],
    [3, { schemaVersion: 3, nodes: [], edges: [] }],
  ])("upgrades v%i to the current version", (version, expected) => {
    const result = runMigrations({ schemaVersion: version, nodes: [], edges: [] }, 3, migrations);
    expect(result).toEqual({ ok: true, document: expected, fromVersion: version });
  });

  test("reports a gap in the migrations", () => {
    expect(runMigrations({ schemaVersion: 1 }, 3, { 2: migrations[2] })).toEqual({
      ok: false,
      message: "No migration from schemaVersion 1",
    });
  });

  test("refuses documents from the future", () => {
    const result = runMigrations({ schemaVersion: 4 }, 3, migrations);
    expect(result.ok).toBe(false);
  });
});

describe("migrateProgramDocument", () => {
  test("v1 is current and passes through unchanged", () => {
    expect(CURRENT_PROGRAM_SCHEMA_VERSION).toBe(1);
    const doc = { schemaVersion: 1, nodes: [], edges: [] };
    expect(migrateProgramDocument(doc)).toEqual({ ok: true, document: doc, fromVersion: 1 });
  });
});
