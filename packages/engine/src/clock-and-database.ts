import type { Database } from "@waymark/db";

/** What every engine verb receives at least: the database and the clock. */
export interface ClockAndDatabase {
  db: Database;
  now: () => Date;
}
