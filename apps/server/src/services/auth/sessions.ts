import { accounts, type Queryable, sessions, users } from "@waymark/db";
import { and, eq, gt, ne } from "drizzle-orm";
import { randomToken, sha256Hex } from "../../lib/tokens";
import type { ServiceDeps } from "../context";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Starts a server-side session; returns the cookie token (only its hash is stored). */
export async function createSession(
  deps: ServiceDeps,
  user: { id: string; accountId: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(deps.now().getTime() + SESSION_TTL_MS);
  await deps.db.insert(sessions).values({
    tokenHash: sha256Hex(token),
    userId: user.id,
    accountId: user.accountId,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The session's user and account, or null when the token is unknown or expired. */
export async function findSession(deps: ServiceDeps, token: string) {
  const [row] = await deps.db
    .select({
      userId: users.id,
      email: users.email,
      accountId: accounts.id,
      accountName: accounts.name,
      timeZone: accounts.timeZone,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, sha256Hex(token)), gt(sessions.expiresAt, deps.now())));
  return row ?? null;
}

/** Ends a session; the token stops working at once. */
export async function deleteSession(deps: ServiceDeps, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
}

/**
 * Ends the user's sessions, all but `keepToken`'s when given ("log out everywhere"); returns
 * how many ended. Takes a transaction so a password change ends them in the same commit.
 */
export async function endUserSessions(
  db: Queryable,
  userId: string,
  keepToken?: string,
): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        keepToken ? ne(sessions.tokenHash, sha256Hex(keepToken)) : undefined,
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}

/** "Log out everywhere": ends the user's other sessions, keeping this browser's. */
export function logOutEverywhere(deps: ServiceDeps, userId: string, keepToken: string) {
  return endUserSessions(deps.db, userId, keepToken);
}
