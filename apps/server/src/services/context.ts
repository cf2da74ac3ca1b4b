import type { Database } from "@waymark/db";

/** What every service verb receives: the database and the clock. */
export interface ServiceDeps {
  db: Database;
  now: () => Date;
}

/** The signed-in principal a scoped service acts for. */
export interface Actor {
  accountId: string;
  userId: string | null;
}
