/** The schemaVersion this code reads and writes. */
export const CURRENT_PROGRAM_SCHEMA_VERSION = 1;

/** Upgrades a raw document of version N (the key) to version N + 1. */
export type ProgramMigration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * Up-migrations keyed by the version they upgrade from. To introduce v2: change the schemas,
 * bump CURRENT_PROGRAM_SCHEMA_VERSION to 2 and add `1: (v1) => ({ ...v1, schemaVersion: 2, … })`.
 */
export const PROGRAM_MIGRATIONS: Readonly<Record<number, ProgramMigration>> = {};
