import { users } from "@waymark/db";
import { eq } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { ServiceDeps } from "../context";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "./login-throttle";
import { DUMMY_HASH, verifyPassword } from "./password";
import type { LogInInput } from "./schemas";

/** Checks credentials with throttling; the same message for an unknown email and a wrong password. */
export async function logIn(deps: ServiceDeps, input: LogInInput) {
  const key = `email:${input.email}`;
  await assertLoginAllowed(deps, key);
  const [user] = await deps.db
    .select({ id: users.id, accountId: users.accountId, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await recordLoginFailure(deps, key);
    throw new ServiceError(401, "invalid_credentials", "Wrong email or password");
  }
  await clearLoginFailures(deps, key);
  return { id: user.id, accountId: user.accountId };
}
