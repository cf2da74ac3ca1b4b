import { isTransientConflict, retryOnConflict } from "@waymark/db";
import { ServiceError } from "../errors";

/**
 * Runs a deletion's transaction, again after a deadlock or serialization failure (twice, as a
 * safety net behind its lock order), and answers 503 with `busy` if the conflict persists:
 * a conflict is a moment's contention, never a 500.
 */
export async function retryConflicts<T>(attempt: () => Promise<T>, busy: string): Promise<T> {
  try {
    return await retryOnConflict(attempt);
  } catch (error) {
    if (!isTransientConflict(error)) throw error;
    throw new ServiceError(503, "database_unavailable", busy);
  }
}
