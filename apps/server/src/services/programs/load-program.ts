import { AccountScope, programs, type Queryable, users } from "@waymark/db";
import { eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor } from "../context";
import type { ProgramAuthor } from "./program-view";

/** One program of the actor's account with its last author; 404 for others' and missing ones. */
export async function loadProgram(db: Queryable, actor: Actor, id: string, forUpdate = false) {
  const scope = new AccountScope(db, actor.accountId);
  const query = db
    .select({ program: programs, authorId: users.id, authorEmail: users.email })
    .from(programs)
    .leftJoin(users, eq(users.id, programs.updatedByUserId))
    .where(scope.where(programs, eq(programs.id, id)));
  const [row] = forUpdate ? await query.for("update", { of: programs }) : await query;
  if (!row) throw notFound("Program");
  const author: ProgramAuthor | null =
    row.authorId !== null && row.authorEmail !== null
      ? { id: row.authorId, email: row.authorEmail }
      : null;
  return { row: row.program, author };
}

/** The author record for a program written by `userId` (null for the public API). */
export async function authorOf(
  db: Queryable,
  userId: string | null,
): Promise<ProgramAuthor | null> {
  if (userId === null) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}
