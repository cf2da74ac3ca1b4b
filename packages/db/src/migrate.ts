import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DatabaseHandle } from "./client";

// Resolved through the package name so it holds from source (tsx, Vitest) and from a bundle.
const packageRoot = dirname(createRequire(import.meta.url).resolve("@waymark/db/package.json"));

/** Waymark's own migrations folder (committed drizzle-kit output). */
export const waymarkMigrationsFolder = join(packageRoot, "drizzle");

export interface MigrationSet {
  migrationsFolder: string;
  migrationsTable?: string;
}

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies migration sets in order. On PostgreSQL an advisory lock makes concurrent
 * start-ups (several servers and workers) take turns instead of racing.
 */
export async function migrateDatabase(
  handle: DatabaseHandle,
  sets: MigrationSet[] = [{ migrationsFolder: waymarkMigrationsFolder }],
): Promise<void> {
  if (handle.driver === "pglite") {
    for (const set of sets) {
      await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, never>>, set);
    }
    return;
  }
  const db = handle.db as unknown as PostgresJsDatabase<Record<string, never>>;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    for (const set of sets) {
      // The migrator needs a database, not a transaction; the lock above is held meanwhile.
      await migratePostgres(db, set);
    }
  });
}
