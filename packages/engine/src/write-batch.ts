import type { Transaction } from "@waymark/db";
import type { FieldValue } from "@waymark/domain";
import { sql } from "drizzle-orm";
import type { EnrolmentPlan } from "./advance-enrolment";
import { queueMessages } from "./lifecycle/queue-messages";
import { localDay } from "./local-day";
import { pgArray, unnestRows } from "./pg-array";
import { startStatement } from "./start-statement";

interface PlanRow {
  row: { id: number; account_id: string; program_id: string; contact_id: string };
  plan: EnrolmentPlan;
  timeZone: string;
}

/**
 * Writes a decided batch with a handful of set-based statements (DESIGN §2 step 4), each
 * taking its rows as one array per column through `unnest(...)`. Rows that other batches in
 * flight may also change (contacts, Messenger state, counters) are written in one order, and
 * the hottest (per-node counters) last, so they stay locked only until the commit.
 */
export async function writeBatch(tx: Transaction, plans: PlanRow[], now: Date): Promise<void> {
  const at = now.toISOString();
  const time = now.getTime();

  // Positions, the node-visit log and field changes in one statement (one round trip).
  const parts = [
    // A due time of `now` (the usual case) travels as NULL.
    sql`positions as (
      update enrolments e set node_id = p.node_id, next_node_id = p.next_node_id, visit = p.visit,
        due_at = coalesce(p.due_at, ${at}::timestamptz), state = p.state, outcome = p.outcome,
        updated_at = ${at}::timestamptz
      from ${unnestRows(plans, "p", {
        id: ["bigint", ({ plan }) => plan.enrolmentId],
        node_id: ["text", ({ plan }) => plan.nodeId],
        next_node_id: ["text", ({ plan }) => plan.nextNodeId],
        visit: ["int", ({ plan }) => plan.visit],
        due_at: [
          "timestamptz",
          ({ plan }) => (plan.dueAt.getTime() === time ? null : plan.dueAt.toISOString()),
        ],
        state: ["text", ({ plan }) => (plan.done ? "done" : "active")],
        outcome: ["text", ({ plan }) => plan.outcome],
      })}
      where e.id = p.id)`,
  ];
  // One history row per enrolment and turn: its path in visit order (each path an array
  // literal inside the column's array).
  const turns = plans.filter(({ plan }) => plan.steps.length > 0);
  if (turns.length > 0) {
    parts.push(sql`history as (
      insert into enrolment_history (enrolment_id, visit, program_id, at, node_ids, outcomes)
      select h.enrolment_id, h.visit, h.program_id, ${at}::timestamptz, h.node_ids::text[], h.outcomes::text[]
      from ${unnestRows(turns, "h", {
        enrolment_id: ["bigint", ({ row }) => row.id],
        visit: ["int", ({ plan }) => plan.steps[0]!.visit],
        program_id: ["uuid", ({ row }) => row.program_id],
        node_ids: ["text", ({ plan }) => pgArray(plan.steps.map((s) => s.nodeId))],
        outcomes: [
          "text",
          ({ plan }) =>
            plan.steps.some((s) => s.outcome !== null)
              ? pgArray(plan.steps.map((s) => s.outcome))
              : null,
        ],
      })})`);
  }
  // Field changes, merged per contact: one contact enrolled in two programs of this batch gets
  // both programs' changes (an UPDATE … FROM applies only one joined row per target row).
  const changes = new Map<string, Record<string, FieldValue | null>>();
  for (const { row, plan } of plans) {
    if (Object.keys(plan.fieldChanges).length === 0) continue;
    changes.set(row.contact_id, { ...changes.get(row.contact_id), ...plan.fieldChanges });
  }
  if (changes.size > 0) {
    const updates = [...changes].sort(([a], [b]) => compare(a, b));
    parts.push(sql`fields as (
      update contacts c set values = case when u.unset is null then c.values || u.set
          else (c.values || u.set) - u.unset::text[] end,
        updated_at = ${at}::timestamptz
      from ${unnestRows(updates, "u", {
        id: ["uuid", ([id]) => id],
        set: [
          "jsonb",
          ([, change]) =>
            JSON.stringify(
              Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null)),
            ),
        ],
        unset: [
          "text",
          ([, change]) => {
            const unset = Object.keys(change).filter((k) => change[k] === null);
            return unset.length > 0 ? pgArray(unset) : null;
          },
        ],
      })}
      where c.id = u.id)`);
  }

  // The statements go out together, pipelined on the transaction's connection: PostgreSQL runs
  // them in this order, and the batch waits for one round trip instead of three (a round trip
  // also waits for this process's event loop, busy deciding the other batch in flight).
  const statements: Promise<unknown>[] = [
    startStatement(tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`)),
  ];

  const messages = plans.flatMap(({ row, plan, timeZone }) =>
    plan.messages.map((m) => ({ row, m, day: localDay(now, timeZone) })),
  );
  statements.push(queueMessages(tx, messages, at));

  // Per-node counters last: every batch of a program updates the same rows, which then stay
  // locked only until the commit.
  const passed = new Map<string, { program: string; node: string; n: number }>();
  for (const { row, plan } of turns) {
    for (const step of plan.steps) {
      const key = `${row.program_id}\u0000${step.nodeId}`;
      const entry = passed.get(key) ?? { program: row.program_id, node: step.nodeId, n: 0 };
      entry.n += 1;
      passed.set(key, entry);
    }
  }
  if (passed.size > 0) {
    const counts = [...passed.values()].sort(
      (a, b) => compare(a.program, b.program) || compare(a.node, b.node),
    );
    statements.push(
      startStatement(
        tx.execute(sql`
      insert into program_node_counts (program_id, node_id, passed)
      select c.program_id, c.node_id, c.n
      from ${unnestRows(counts, "c", {
        program_id: ["uuid", (c) => c.program],
        node_id: ["text", (c) => c.node],
        n: ["bigint", (c) => c.n],
      })}
      on conflict (program_id, node_id) do update set passed = program_node_counts.passed + excluded.passed`),
      ),
    );
  }
  await Promise.all(statements);
}

/** Code-unit order: the same in every process, which is all a lock order needs. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
