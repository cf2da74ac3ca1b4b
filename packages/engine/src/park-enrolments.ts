import type { Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";

/**
 * A deactivated program's enrolments are parked: still active where they are, with their due
 * times, but out of the due index (`enrolments_due_idx` excludes parked rows), so the engine's
 * claim never walks a paused backlog. Run in the transaction that deactivates the program.
 */
export async function parkEnrolments(tx: Transaction, programId: string): Promise<void> {
  await tx.execute(sql`
    update enrolments set parked = true
    where program_id = ${programId}::uuid and state = 'active' and not parked`);
}

/**
 * A reactivated program's enrolments come back into the due index exactly as they were: same
 * node, visit and due time (a Wait that ended meanwhile is due at once). Run in the
 * transaction that activates the program.
 */
export async function resumeEnrolments(tx: Transaction, programId: string): Promise<void> {
  await tx.execute(sql`
    update enrolments set parked = false
    where program_id = ${programId}::uuid and state = 'active' and parked`);
}
