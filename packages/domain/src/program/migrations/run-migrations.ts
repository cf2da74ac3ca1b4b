import { isRecord } from "../../text/is-record";
import type { ProgramMigration } from "./program-migrations";

/** A document brought up to the current version (still unchecked), or why it cannot be. */
export type MigrationResult =
  | { ok: true; document: Record<string, unknown>; fromVersion: number }
  | { ok: false; message: string };

/** Applies up-migrations one version at a time until the document reaches `currentVersion`. */
export function runMigrations(
  raw: unknown,
  currentVersion: number,
  migrations: Readonly<Record<number, ProgramMigration>>,
): MigrationResult {
  if (!isRecord(raw)) return { ok: false, message: "A program document must be a JSON object" };
  let document = raw;
  const fromVersion = document.schemaVersion;
  if (fromVersion === undefined) {
    return { ok: false, message: "schemaVersion is missing" };
  }
  if (typeof fromVersion !== "number" || !Number.isInteger(fromVersion) || fromVersion < 1) {
    return { ok: false, message: "schemaVersion must be a whole number from 1" };
  }
  if (fromVersion > currentVersion) {
    return {
      ok: false,
      message: `This program was saved by a newer version of Waymark (schemaVersion ${fromVersion}); this one reads up to ${currentVersion}`,
    };
  }
  for (let version = fromVersion; version < currentVersion; version++) {
    const migrate = migrations[version];
    if (!migrate) {
      return { ok: false, message: `No migration from schemaVersion ${version}` };
    }
    document = migrate(document);
  }
  return { ok: true, document, fromVersion };
}
