import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Database } from "./client";
import * as schema from "./schema";

/** One PostgreSQL connection taken out of the pool, for state that lives with a session. */
export interface ReservedSession {
  db: Database;
  /** Gives the connection back to the pool; its session state goes with it, so unlock first. */
  release(): void;
}

/**
 * Takes one connection of `db`'s pool for the caller alone, so a session advisory lock held
 * on it lasts as long as the connection (PostgreSQL drops it when the process dies). On
 * PGlite there is none: its single connection belongs to the one process that opens it.
 */
export async function reserveSession(db: Database): Promise<ReservedSession | undefined> {
  const client = (db as unknown as { $client?: Partial<Sql> }).$client;
  if (typeof client?.reserve !== "function") return undefined;
  const reserved = await client.reserve();
  // A reserved connection shares the pool's options (Drizzle's type parsers are set on them)
  // but does not expose them, which Drizzle reads.
  Object.assign(reserved, { options: client.options });
  try {
    return {
      db: drizzlePostgres(reserved, { schema }) as unknown as Database,
      release: () => reserved.release(),
    };
  } catch (error) {
    reserved.release();
    throw error;
  }
}
