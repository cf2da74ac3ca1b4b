import { type Database, rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { advanceEnrolment, type EnrolmentPlan } from "./advance-enrolment";
import { loadBatchContext } from "./load-batch-context";
import { programVersionDocument } from "./program-cache";
import { writeBatch } from "./write-batch";

export interface EngineDeps {
  db: Database;
  now: () => Date;
}

interface ClaimedRow {
  id: number;
  account_id: string;
  program_id: string;
  program_version: number;
  contact_id: string;
  node_id: string;
  next_node_id: string | null;
  visit: number;
}

/**
 * One turn of the program engine (DESIGN §2): claims up to `limit` due enrolments of active
 * programs with SKIP LOCKED, loads what they need in one query per kind, decides each in
 * memory, and writes positions, history, outbox rows, field changes and counters set-based in
 * the same transaction. A crash before commit changes nothing. Returns how many it moved.
 */
export async function runEngineBatch(deps: EngineDeps, limit = 1_000): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const claimed = rowsOf<ClaimedRow>(
      await tx.execute(sql`
        select e.id, e.account_id, e.program_id, e.program_version, e.contact_id, e.node_id, e.next_node_id, e.visit
        from enrolments e
        where e.state = 'active' and e.due_at <= ${now.toISOString()}::timestamptz
          and exists (select 1 from programs p where p.id = e.program_id and p.status = 'active')
        order by e.due_at, e.id
        limit ${limit}
        for update of e skip locked`),
    );
    if (claimed.length === 0) return 0;

    const context = await loadBatchContext(
      tx,
      [...new Set(claimed.map((c) => c.account_id))],
      claimed.map((c) => c.contact_id),
    );
    const plans: { row: ClaimedRow; plan: EnrolmentPlan; timeZone: string }[] = [];
    for (const row of claimed) {
      const account = context.accounts.get(row.account_id);
      const contact = context.contacts.get(row.contact_id);
      const program = await programVersionDocument(tx, row.program_id, row.program_version);
      if (!account || !contact || !program) {
        plans.push({ row, timeZone: account?.timeZone ?? "UTC", plan: orphanPlan(row, now) });
        continue;
      }
      const plan = advanceEnrolment({
        enrolment: {
          id: row.id,
          nodeId: row.node_id,
          nextNodeId: row.next_node_id,
          visit: row.visit,
        },
        program,
        contact,
        fields: account.fields,
        profiles: account.profiles,
        existingProfiles: account.profileIds,
        now,
      });
      plans.push({ row, plan, timeZone: account.timeZone });
    }
    await writeBatch(tx, plans, now);
    return claimed.length;
  });
}

/** An enrolment whose program version or contact is gone leaves the program. */
function orphanPlan(row: ClaimedRow, now: Date): EnrolmentPlan {
  return {
    enrolmentId: row.id,
    nodeId: row.node_id,
    nextNodeId: null,
    visit: row.visit,
    dueAt: now,
    done: true,
    outcome: "ended: program version unavailable",
    steps: [],
    messages: [],
    fieldChanges: {},
  };
}
