import { type Queryable, rowsOf, type Transaction } from "@waymark/db";
import {
  type HeldContacts,
  type LiveEditChoices,
  type LiveEditPlan,
  type ProgramDocument,
  planLiveEdit,
  waitTargets,
} from "@waymark/domain";
import { pgArray } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { invalidField, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";
import { readDocument } from "./program-view";
import { requireProgramDocument } from "./require-program-document";

/** Contacts in the program at each node now (an index range of `enrolments_program_state_node_idx`). */
async function heldContacts(db: Queryable, programId: string) {
  const rows = rowsOf<{ node_id: string; contacts: number; waiting: number }>(
    await db.execute(sql`
      select node_id, count(*)::int as contacts, count(*) filter (where next_node_id is not null)::int as waiting
      from enrolments where program_id = ${programId}::uuid and state = 'active' group by node_id`),
  );
  return new Map<string, HeldContacts>(
    rows.map((r) => [r.node_id, { contacts: r.contacts, waiting: r.waiting }]),
  );
}

/** What saving `document` would ask about the contacts in the program (nothing for drafts). */
export async function checkLiveEdit(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  rawDocument: unknown,
): Promise<LiveEditPlan> {
  const document = requireProgramDocument(rawDocument);
  const { row } = await loadProgram(deps.db, actor, id);
  if (row.status === "draft") return { ok: true, moves: [], recompute: [] };
  return planLiveEdit(readDocument(row), document, await heldContacts(deps.db, id), {});
}

/**
 * In a save's transaction: refuses an edit that would strand contacts (409 with the questions
 * to ask), else moves the contacts of removed nodes and recomputes the Waits chosen, from
 * when each contact arrived. Their program version catches up on activation.
 */
export async function applyLiveEdit(
  tx: Transaction,
  row: { id: string; document: unknown },
  document: ProgramDocument,
  choices: LiveEditChoices,
  now: Date,
): Promise<void> {
  const plan = planLiveEdit(readDocument(row), document, await heldContacts(tx, row.id), choices);
  if (!plan.ok) {
    if (plan.invalid.length > 0) throw invalidField("liveEdits.moves", plan.invalid[0]!);
    const first = plan.removed[0];
    const wait = plan.waits[0];
    const message = first
      ? `${first.name} holds ${first.contacts} ${first.contacts === 1 ? "contact" : "contacts"}: choose where ${first.contacts === 1 ? "it goes" : "they go"} before deleting it`
      : `${wait!.waiting} ${wait!.waiting === 1 ? "contact is" : "contacts are"} waiting at ${wait!.name}: choose whether the new duration applies to them`;
    throw new ServiceError(409, "contacts_need_a_choice", message, {
      removed: plan.removed,
      waits: plan.waits,
    });
  }
  const at = now.toISOString();
  for (const move of plan.moves) {
    await tx.execute(
      move.to === null
        ? sql`update enrolments set state = 'done', outcome = 'left: its node was deleted',
            next_node_id = null, updated_at = ${at}::timestamptz
          where program_id = ${row.id}::uuid and state = 'active' and node_id = ${move.nodeId}`
        : sql`update enrolments set node_id = ${move.to}, next_node_id = null, visit = visit + 1,
            due_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
          where program_id = ${row.id}::uuid and state = 'active' and node_id = ${move.nodeId}`,
    );
  }
  for (const wait of plan.recompute) {
    // Arrival: the turn that brought the contact to the Wait (its last history row through it).
    await tx.execute(sql`
      update enrolments e set due_at = coalesce(
          (select max(h.at) from enrolment_history h where h.enrolment_id = e.id and h.node_ids @> array[${wait.nodeId}::text]),
          e.updated_at) + ${wait.durationMs} * interval '1 millisecond'
      where e.program_id = ${row.id}::uuid and e.state = 'active' and e.node_id = ${wait.nodeId}
        and e.next_node_id is not null`);
  }
}

/**
 * On activation: contacts already in the program continue on the version just activated,
 * each Wait's contacts towards where that Wait now leads. Contacts at a node the version lacks
 * (none, as saves refuse to strand them) stay on their version.
 */
export async function moveContactsToVersion(
  tx: Transaction,
  programId: string,
  version: number,
  document: ProgramDocument,
): Promise<void> {
  const ids = document.nodes.map((n) => n.id);
  const targets = [...waitTargets(document)];
  await tx.execute(sql`
    update enrolments e set program_version = ${version},
      next_node_id = case when e.next_node_id is null then null else t.target end
    from unnest(${pgArray(ids)}::text[]) as n(node_id)
    left join unnest(${pgArray(targets.map(([w]) => w))}::text[], ${pgArray(targets.map(([, t]) => t))}::text[])
      as t(wait, target) on t.wait = n.node_id
    where e.program_id = ${programId}::uuid and e.state = 'active' and e.program_version <> ${version}
      and e.node_id = n.node_id`);
}
