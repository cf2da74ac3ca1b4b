import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { initialisePgliteDir, PGLITE_SETTINGS } from "./pglite-dir";
import * as schema from "./schema";

/** The query interface shared by both drivers: write queries once against this type. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle, usable wherever a `Database` is. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Either a whole database or a transaction inside it. */
export type Queryable = Database | Transaction;

export type Driver = "pglite" | "postgres";

/** An open database with the driver it runs on. */
export interface DatabaseHandle {
  db: Database;
  driver: Driver;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent, PGlite is opened in `dataDir`. */
  url?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

/**
 * postgres.js waits up to 20 s (growing with every failed connect, shared by the pool) before
 * reconnecting, so a 4 s outage left 5–18 s of errors after the server was back. Reconnecting
 * at once on demand costs one refused connect per query while it is down; a silent network
 * fails a connect after 5 s instead of 30. Idle connections close after a minute.
 */
const RECONNECT = { backoff: () => 0, connect_timeout: 5, idle_timeout: 60 };

/** Opens PostgreSQL through postgres.js when a URL is given, else PGlite in `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      ...RECONNECT,
      onnotice: () => {},
      connection: { application_name: "waymark" },
    });
    const db: Database = drizzlePostgres(client, { schema });
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) await initialisePgliteDir(dataDir);
  const client = new PGlite(dataDir, { postgresqlconf: PGLITE_SETTINGS });
  await client.waitReady;
  const db: Database = drizzlePglite(client, { schema });
  return { db, driver: "pglite", close: () => client.close() };
}
