import { type Database, rowsOf } from "@waymark/db";
import type { FieldValue, ProgramDocument } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { advanceEnrolment, type EnrolmentPlan } from "./advance-enrolment";
import type { ClaimCursor } from "./claim-cursor";
import {
  type AccountContext,
  loadAccountContexts,
  loadMessengerStates,
} from "./load-batch-context";
import { programVersionDocument, readsMessengerState } from "./program-cache";
import { startStatement } from "./start-statement";
import { writeBatch } from "./write-batch";

export interface EngineDeps {
  db: Database;
  now: () => Date;
  /** Shared by a process's engine loops; without one, every claim scans from the start. */
  claimCursor?: ClaimCursor;
}

/** Due enrolments one engine turn claims (DESIGN §2: ≈ 500–2,000). */
export const ENGINE_BATCH_SIZE = 2_000;

interface ClaimedRow {
  id: number;
  account_id: string;
  program_id: string;
  program_version: number;
  contact_id: string;
  node_id: string;
  next_node_id: string | null;
  visit: number;
  /** `due_at` as PostgreSQL text, for the claim cursor. */
  due_key: string;
  /** The contact's field values; null if the contact is gone. */
  values: Record<string, FieldValue> | null;
}

/**
 * One turn of the program engine (DESIGN §2): claims up to `limit` due enrolments of active
 * programs with SKIP LOCKED (with their contacts' field values), loads the rest in one query
 * per kind, decides each in memory, and writes positions, history, outbox rows, field changes
 * and counters set-based in the same transaction. A crash before commit changes nothing.
 * Returns how many it moved.
 */
export async function runEngineBatch(deps: EngineDeps, limit = ENGINE_BATCH_SIZE): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    // The contacts' field values come with the claim, read only for the rows actually locked.
    const from = deps.claimCursor?.start() ?? null;
    const after = from
      ? sql`and (e.due_at, e.id) > (${from.dueAt}::timestamptz, ${from.id}::bigint)`
      : sql``;
    const claim = startStatement(
      tx.execute(sql`
        select x.id, x.account_id, x.program_id, x.program_version, x.contact_id, x.node_id, x.next_node_id,
          x.visit, x.due_at::text as due_key, (select c.values from contacts c where c.id = x.contact_id) as values
        from (
          select e.id, e.account_id, e.program_id, e.program_version, e.contact_id, e.node_id, e.next_node_id,
            e.visit, e.due_at
          from enrolments e
          where e.state = 'active' and not e.parked and e.due_at <= ${now.toISOString()}::timestamptz ${after}
            and exists (select 1 from programs p where p.id = e.program_id and p.status = 'active')
          order by e.due_at, e.id
          limit ${limit}
          for update of e skip locked
        ) x
        order by x.due_at, x.id`),
    );
    // Pipelined behind the claim: the context of the accounts the previous claim met.
    const hinted = deps.claimCursor?.recentAccounts() ?? [];
    const [claimResult, accounts] = await Promise.all([
      claim,
      hinted.length > 0 ? loadAccountContexts(tx, hinted) : new Map<string, AccountContext>(),
    ]);
    const claimed = rowsOf<ClaimedRow>(claimResult);
    const last = claimed.at(-1);
    deps.claimCursor?.claimed(
      from,
      claimed.length,
      limit,
      last && { dueAt: last.due_key, id: last.id },
    );
    const accountIds = [...new Set(claimed.map((c) => c.account_id))];
    deps.claimCursor?.metAccounts(accountIds);
    if (claimed.length === 0) return 0;

    const programs = new Map<string, ProgramDocument | null>();
    for (const row of claimed) {
      const key = `${row.program_id}:${row.program_version}`;
      if (!programs.has(key)) {
        programs.set(key, await programVersionDocument(tx, row.program_id, row.program_version));
      }
    }
    const programOf = (row: ClaimedRow) => programs.get(`${row.program_id}:${row.program_version}`);
    const unknownAccounts = accountIds.filter((id) => !accounts.has(id));
    const [missing, messenger] = await Promise.all([
      loadAccountContexts(tx, unknownAccounts),
      loadMessengerStates(
        tx,
        claimed
          .filter((c) => {
            const program = programOf(c);
            return program ? readsMessengerState(program) : false;
          })
          .map((c) => c.contact_id),
      ),
    ]);
    for (const [id, context] of missing) accounts.set(id, context);
    const plans: { row: ClaimedRow; plan: EnrolmentPlan; timeZone: string }[] = [];
    for (const row of claimed) {
      const account = accounts.get(row.account_id);
      const program = programOf(row);
      if (!account || row.values === null || !program) {
        plans.push({ row, timeZone: account?.timeZone ?? "UTC", plan: orphanPlan(row, now) });
        continue;
      }
      const contact = {
        values: row.values,
        messenger: messenger.get(row.contact_id) ?? {},
      };
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
