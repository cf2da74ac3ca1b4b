import { passwordResetTokens, users } from "@waymark/db";
import { and, eq, gt } from "drizzle-orm";
import { ServiceError } from "../../errors";
import { randomToken, sha256Hex } from "../../lib/tokens";
import type { ServiceDeps } from "../context";
import { settleAttempt } from "./login-throttle";
import { hashPassword } from "./password";
import type { ResetPasswordInput } from "./schemas";
import { endUserSessions } from "./sessions";

export const RESET_TTL_MS = 60 * 60_000;

/**
 * Issues a one-time reset token for the user with this email (for the admin command), valid
 * for an hour; null when no user has the email. Only its SHA-256 is stored.
 */
export async function issuePasswordReset(deps: ServiceDeps, email: string) {
  const [user] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!user) return null;
  const token = randomToken();
  const expiresAt = new Date(deps.now().getTime() + RESET_TTL_MS);
  await deps.db
    .insert(passwordResetTokens)
    .values({ tokenHash: sha256Hex(token), userId: user.id, expiresAt });
  return { token, expiresAt };
}

const unusable = () =>
  new ServiceError(
    400,
    "invalid_reset_token",
    "This reset link has expired or was already used. Ask your administrator for a new one.",
    { fields: { token: "has expired or was already used" } },
  );

/**
 * Sets a new password with a reset token: the token is taken (deleted) in the same transaction
 * that changes the password and ends every session, so it works once; the user's other reset
 * tokens go too, and failed log-ins counted against the email are forgotten.
 */
export async function resetPassword(deps: ServiceDeps, input: ResetPasswordInput) {
  const tokenHash = sha256Hex(input.token);
  const live = and(
    eq(passwordResetTokens.tokenHash, tokenHash),
    gt(passwordResetTokens.expiresAt, deps.now()),
  );
  // Checked before hashing so a bad token costs no scrypt; taken for real below.
  const [pending] = await deps.db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(live);
  if (!pending) throw unusable();
  const passwordHash = await hashPassword(input.newPassword);
  const user = await deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .delete(passwordResetTokens)
      .where(live)
      .returning({ userId: passwordResetTokens.userId });
    if (!taken) throw unusable();
    const [updated] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, taken.userId))
      .returning({ id: users.id, accountId: users.accountId, email: users.email });
    await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, taken.userId));
    await endUserSessions(tx, taken.userId);
    return updated!;
  });
  await settleAttempt(deps, { clear: [`email:${user.email}`] });
  return user;
}
