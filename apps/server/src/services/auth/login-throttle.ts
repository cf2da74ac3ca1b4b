import { loginThrottle } from "@waymark/db";
import { eq, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { ServiceDeps } from "../context";

/** Failures allowed before each further attempt is refused for a growing time. */
const FREE_FAILURES = 5;
const BASE_BLOCK_MS = 2_000;
const MAX_BLOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const WINDOW_MS = 60 * 60_000;

/** Refuses with 429 (and Retry-After seconds) while the key is blocked. */
export async function assertLoginAllowed(deps: ServiceDeps, key: string): Promise<void> {
  const [row] = await deps.db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  const now = deps.now().getTime();
  if (row?.blockedUntil && row.blockedUntil.getTime() > now) {
    const retryAfter = Math.ceil((row.blockedUntil.getTime() - now) / 1000);
    throw new ServiceError(
      429,
      "too_many_attempts",
      `Too many failed log-in attempts. Try again in ${retryAfter} seconds.`,
      { retryAfterSeconds: retryAfter },
    );
  }
}

/** Counts a failure; past the free ones, blocks the key for an exponentially growing time. */
export async function recordLoginFailure(deps: ServiceDeps, key: string): Promise<void> {
  const now = deps.now();
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const [row] = await deps.db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: loginThrottle.failures });
  const failures = row?.failures ?? 1;
  if (failures >= FREE_FAILURES) {
    const blockMs = Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** (failures - FREE_FAILURES));
    await deps.db
      .update(loginThrottle)
      .set({ blockedUntil: new Date(now.getTime() + blockMs) })
      .where(eq(loginThrottle.key, key));
  }
}

/** A successful log-in clears the key's failures. */
export async function clearLoginFailures(deps: ServiceDeps, key: string): Promise<void> {
  await deps.db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
