import { AccountScope, programs, users } from "@waymark/db";
import { desc, eq, sql } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";
import { presentProgramSummary } from "./program-view";

/** The account's programs, most recently changed first, each with who changed it last. */
export async function listPrograms(deps: ServiceDeps, actor: Actor) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const rows = await deps.db
    .select({
      program: {
        id: programs.id,
        name: programs.name,
        status: programs.status,
        version: programs.version,
        createdAt: programs.createdAt,
        updatedAt: programs.updatedAt,
      },
      authorId: users.id,
      authorEmail: users.email,
      // Contacts currently in the program: an index range on the active enrolments.
      contactsInProgram: sql<number>`(select count(*)::int from enrolments e where e.program_id = ${programs.id} and e.state = 'active')`,
    })
    .from(programs)
    .leftJoin(users, eq(users.id, programs.updatedByUserId))
    .where(scope.where(programs))
    .orderBy(desc(programs.updatedAt), desc(programs.id));
  return rows.map((r) => ({
    ...presentProgramSummary(
      r.program,
      r.authorId !== null && r.authorEmail !== null
        ? { id: r.authorId, email: r.authorEmail }
        : null,
    ),
    contactsInProgram: r.contactsInProgram,
  }));
}
