import { CURRENT_PROGRAM_SCHEMA_VERSION, PROGRAM_MIGRATIONS } from "./program-migrations";
import { type MigrationResult, runMigrations } from "./run-migrations";

/** Upgrades a stored or submitted program document of any older schemaVersion to the current one. */
export function migrateProgramDocument(raw: unknown): MigrationResult {
  return runMigrations(raw, CURRENT_PROGRAM_SCHEMA_VERSION, PROGRAM_MIGRATIONS);
}
