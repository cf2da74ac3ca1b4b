import { accounts } from "@waymark/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";

/** The actor's own account. */
export async function getAccount(deps: ServiceDeps, actor: Actor) {
  const [row] = await deps.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!row) throw notFound("Account");
  return { id: row.id, name: row.name, timeZone: row.timeZone };
}
