import { users } from "@waymark/db";
import { eq } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { ServiceDeps } from "../context";
import { knownDeviceOf, rememberDevice } from "./known-devices";
import { reserveAttempt, settleAttempt } from "./login-throttle";
import { DUMMY_HASH, verifyPassword } from "./password";
import type { LogInInput } from "./schemas";

/** Where a log-in comes from: the client address and the browser's device cookie, if any. */
export interface LogInOrigin {
  address: string;
  deviceToken?: string;
}

/**
 * Attempts allowed before each further one waits twice as long. One address and email gets 5;
 * an email from all addresses 10 (so several addresses cannot guess on without end); an address
 * across all emails 20 (one password tried on many accounts); a known browser 5, on its own.
 */
export const FREE_ATTEMPTS = { addressEmail: 5, email: 10, address: 20, device: 5 } as const;

/** The keys an attempt counts against, and what a success does to each. */
function throttlePlan(email: string, origin: LogInOrigin, deviceHash: string | null) {
  if (deviceHash) {
    const device = `device:${deviceHash}`;
    return {
      keys: [{ key: device, freeAttempts: FREE_ATTEMPTS.device }],
      onSuccess: { clear: [device] },
    };
  }
  const address = `address:${origin.address}`;
  const addressEmail = `address-email:${origin.address} ${email}`;
  const anyAddress = `email:${email}`;
  const addressKey = { key: address, freeAttempts: FREE_ATTEMPTS.address };
  return {
    keys: [
      addressKey,
      { key: addressEmail, freeAttempts: FREE_ATTEMPTS.addressEmail },
      { key: anyAddress, freeAttempts: FREE_ATTEMPTS.email },
    ],
    onSuccess: { clear: [addressEmail, anyAddress], refund: [addressKey] },
  };
}

/**
 * Checks credentials with throttling; the same message for an unknown email and a wrong password.
 * A browser the user logged in from before is throttled on its own key, so failures from
 * elsewhere never lock its owner out. Returns the user and the device token to set.
 */
export async function logIn(deps: ServiceDeps, input: LogInInput, origin: LogInOrigin) {
  const [user] = await deps.db
    .select({ id: users.id, accountId: users.accountId, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email));
  const deviceHash = user ? await knownDeviceOf(deps, user.id, origin.deviceToken) : null;
  const plan = throttlePlan(input.email, origin, deviceHash);
  await reserveAttempt(deps, plan.keys);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    throw new ServiceError(401, "invalid_credentials", "Wrong email or password");
  }
  await settleAttempt(deps, plan.onSuccess);
  const deviceToken = await rememberDevice(deps, user.id, origin.deviceToken);
  return { id: user.id, accountId: user.accountId, deviceToken };
}
