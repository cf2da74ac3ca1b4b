import { AccountScope, programs } from "@waymark/db";
import { and, eq, ne } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";

/** Deletes a program with its activated versions; refused while it is active. */
export async function deleteProgram(deps: ServiceDeps, actor: Actor, id: string) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const deleted = await scope.delete(
    programs,
    and(eq(programs.id, id), ne(programs.status, "active")),
  );
  if (deleted.length > 0) return;
  const { row } = await loadProgram(deps.db, actor, id);
  throw new ServiceError(
    409,
    "program_active",
    `'${row.name}' is active; deactivate it before deleting it`,
  );
}
