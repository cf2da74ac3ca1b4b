import { sql } from "drizzle-orm";
import type { ServiceDeps } from "../context";

/** One round trip to the database; throws (a connection error) when it cannot be reached. */
export async function pingDatabase(deps: Pick<ServiceDeps, "db">): Promise<void> {
  await deps.db.execute(sql`select 1`);
}
