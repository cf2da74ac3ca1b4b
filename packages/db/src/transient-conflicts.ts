/**
 * Whether `error` is PostgreSQL giving up one transaction so others can go on: a deadlock
 * (40P01) or a serialization failure (40001). Nothing was written; running the transaction
 * again is safe. Looks through wrapping (`cause`, as Drizzle's query errors).
 */
export function isTransientConflict(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (code === "40P01" || code === "40001") return true;
  return isTransientConflict((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Runs `attempt` (one whole transaction) again when it fails with a transient conflict, up to
 * `attempts` times in all, after a short random pause; any other error, or the last conflict,
 * is thrown. A safety net for a rare cycle, not a substitute for taking locks in order.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * n + Math.random() * 50));
    }
  }
}
