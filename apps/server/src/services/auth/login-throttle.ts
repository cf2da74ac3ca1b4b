import { loginThrottle } from "@waymark/db";
import { eq, inArray, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { ServiceDeps } from "../context";

/** A throttle counter and how many attempts it allows before each further one waits longer. */
export interface ThrottleKey {
  key: string;
  freeAttempts: number;
}

const BASE_BLOCK_MS = 2_000;
const MAX_BLOCK_MS = 15 * 60_000;
/** Attempts older than this are forgotten. */
const WINDOW_MS = 60 * 60_000;

function blockMs(attempts: number, free: number): number {
  return Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** (attempts - free));
}

/**
 * Counts one attempt against every key, or refuses with 429 (and the seconds to wait) when any
 * key is blocked. The rows are locked in key order within one transaction, so parallel requests
 * queue here and at most `freeAttempts` of them get past before the block is in place.
 * An attempt counts before the password is checked; a success gives it back (`settleAttempt`).
 */
export async function reserveAttempt(deps: ServiceDeps, keys: ThrottleKey[]): Promise<void> {
  const now = deps.now();
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const waitMs = await deps.db.transaction(async (tx) => {
    // Upserting locks each row (inserting the missing ones) until the transaction ends.
    const rows = await tx
      .insert(loginThrottle)
      .values(sorted.map(({ key }) => ({ key, failures: 0, lastFailureAt: now })))
      .onConflictDoUpdate({ target: loginThrottle.key, set: { key: sql`excluded.key` } })
      .returning();
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const blockedUntil = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
    if (blockedUntil > now.getTime()) return blockedUntil - now.getTime();
    for (const { key, freeAttempts } of sorted) {
      const row = byKey.get(key);
      const stale = !row || row.lastFailureAt.getTime() < now.getTime() - WINDOW_MS;
      const attempts = stale ? 1 : row.failures + 1;
      await tx
        .update(loginThrottle)
        .set({
          failures: attempts,
          lastFailureAt: now,
          blockedUntil:
            attempts >= freeAttempts
              ? new Date(now.getTime() + blockMs(attempts, freeAttempts))
              : null,
        })
        .where(eq(loginThrottle.key, key));
    }
    return 0;
  });
  if (waitMs > 0) {
    const retryAfter = Math.ceil(waitMs / 1000);
    throw new ServiceError(
      429,
      "too_many_attempts",
      `Too many failed attempts. Try again in ${retryAfter} seconds.`,
      { retryAfterSeconds: retryAfter },
    );
  }
}

/**
 * After a successful attempt: `clear` keys start afresh; `refund` keys only give the attempt back
 * (and lift a block it set), so an address cannot wipe its count by logging in to its own account.
 */
export async function settleAttempt(
  deps: ServiceDeps,
  settle: { clear: string[]; refund?: ThrottleKey[] },
): Promise<void> {
  if (settle.clear.length > 0) {
    await deps.db.delete(loginThrottle).where(inArray(loginThrottle.key, settle.clear));
  }
  for (const { key, freeAttempts } of settle.refund ?? []) {
    await deps.db
      .update(loginThrottle)
      .set({
        failures: sql`greatest(${loginThrottle.failures} - 1, 0)`,
        blockedUntil: sql`case when ${loginThrottle.failures} - 1 < ${freeAttempts} then null else ${loginThrottle.blockedUntil} end`,
      })
      .where(eq(loginThrottle.key, key));
  }
}
