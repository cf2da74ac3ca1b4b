import { users } from "@waymark/db";
import { eq } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { ServiceDeps } from "../context";
import { reserveAttempt, settleAttempt } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import type { ChangePasswordInput } from "./schemas";
import { endUserSessions } from "./sessions";

/** Wrong current passwords allowed before each further try waits longer (a stolen session). */
const FREE_ATTEMPTS = 5;

/**
 * Changes the signed-in user's password after checking the current one and ends every session of
 * the user in the same transaction; the caller starts a fresh one for the browser that asked.
 */
export async function changePassword(
  deps: ServiceDeps,
  userId: string,
  input: ChangePasswordInput,
) {
  const key = `password-change:${userId}`;
  await reserveAttempt(deps, [{ key, freeAttempts: FREE_ATTEMPTS }]);
  const [user] = await deps.db
    .select({ id: users.id, accountId: users.accountId, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new ServiceError(401, "unauthenticated", "Log in to continue");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ServiceError(400, "wrong_password", "Your current password is not right", {
      fields: { currentPassword: "is not your current password" },
    });
  }
  await settleAttempt(deps, { clear: [key] });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await endUserSessions(tx, user.id);
  });
  return { id: user.id, accountId: user.accountId };
}
