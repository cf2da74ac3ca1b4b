import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, type Driver, openDatabase } from "../client";
import { type MigrationSet, migrateDatabase, waymarkMigrationsFolder } from "../migrate";

/**
 * The drivers a database test runs on: PGlite always, PostgreSQL too when
 * `TEST_DATABASE_URL` names a server (its database is only used to create scratch ones).
 */
export function testDrivers(): Driver[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase extends DatabaseHandle {
  /** The connection URL (PostgreSQL only), for tests that start other processes. */
  url?: string;
}

/**
 * Opens a fresh, migrated database: in-memory PGlite, or a new scratch database on the
 * PostgreSQL server of `TEST_DATABASE_URL` that is dropped again on close. `migrate: false`
 * leaves it empty (for migration tests); `maxConnections` sizes the PostgreSQL pool (default 5).
 */
export async function openTestDatabase(
  driver: Driver,
  extraMigrations: MigrationSet[] = [],
  options: { maxConnections?: number; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const sets = [{ migrationsFolder: waymarkMigrationsFolder }, ...extraMigrations];
  const migrate = options.migrate ?? true;
  if (driver === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    if (migrate) await migrateDatabase(handle, sets);
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `waymark_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({
    url: url.toString(),
    maxConnections: options.maxConnections ?? 5,
  });
  if (migrate) await migrateDatabase(handle, sets);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
