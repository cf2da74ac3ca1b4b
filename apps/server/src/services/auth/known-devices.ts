import { knownDevices } from "@waymark/db";
import { and, eq } from "drizzle-orm";
import { randomToken, sha256Hex } from "../../lib/tokens";
import type { ServiceDeps } from "../context";

export const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** The stored hash of a browser's device token when it belongs to this user, else null. */
export async function knownDeviceOf(
  deps: ServiceDeps,
  userId: string,
  token: string | undefined,
): Promise<string | null> {
  if (!token) return null;
  const hash = sha256Hex(token);
  const [row] = await deps.db
    .select({ tokenHash: knownDevices.tokenHash })
    .from(knownDevices)
    .where(and(eq(knownDevices.tokenHash, hash), eq(knownDevices.userId, userId)));
  return row?.tokenHash ?? null;
}

/**
 * Marks the browser as the user's after a proven log-in: keeps its token when it already is,
 * else issues a new one. Returns the token to (re)set as the device cookie.
 */
export async function rememberDevice(
  deps: ServiceDeps,
  userId: string,
  token: string | undefined,
): Promise<string> {
  const now = deps.now();
  if (token && (await knownDeviceOf(deps, userId, token))) {
    await deps.db
      .update(knownDevices)
      .set({ lastUsedAt: now })
      .where(eq(knownDevices.tokenHash, sha256Hex(token)));
    return token;
  }
  const fresh = randomToken();
  await deps.db
    .insert(knownDevices)
    .values({ tokenHash: sha256Hex(fresh), userId, createdAt: now, lastUsedAt: now });
  return fresh;
}
