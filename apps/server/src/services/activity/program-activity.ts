import { AccountScope, programs, rowsOf } from "@waymark/db";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { bigintId, encodeCursor, pgTimestamptzText } from "../page-cursor";

async function ownedProgram(deps: ServiceDeps, actor: Actor, programId: string) {
  const [program] = await new AccountScope(deps.db, actor.accountId).select(
    programs,
    eq(programs.id, programId),
  );
  if (!program) throw notFound("Program");
  return program;
}

/**
 * Per-node counts for the canvas (SPEC §5): contacts at each node now (active enrolments by
 * node, an index range) and contacts that ever passed through it (a counter per node), plus
 * the Start-list enrolment progress.
 */
export async function programNodeStats(deps: ServiceDeps, actor: Actor, programId: string) {
  const program = await ownedProgram(deps, actor, programId);
  const rows = rowsOf<{ node_id: string; now: number; passed: number }>(
    await deps.db.execute(sql`
      select coalesce(n.node_id, c.node_id) as node_id, coalesce(n.now, 0)::int as now, coalesce(c.passed, 0)::int as passed
      from (select node_id, count(*) as now from enrolments where program_id = ${programId}::uuid and state = 'active' group by node_id) n
      full join (select node_id, passed from program_node_counts where program_id = ${programId}::uuid) c on c.node_id = n.node_id`),
  );
  const inProgram = rows.reduce((sum, r) => sum + r.now, 0);
  return {
    status: program.status,
    contactsInProgram: inProgram,
    enrolment: {
      total: program.enrolmentTotal,
      done: program.enrolmentDone,
      finished: program.listSyncedAt !== null,
    },
    nodes: Object.fromEntries(rows.map((r) => [r.node_id, { now: r.now, passed: r.passed }])),
  };
}

/** Where a page of node contacts ends: the last row's time (as PostgreSQL prints it) and id. */
export const nodeContactCursor = z.tuple([pgTimestamptzText, bigintId]);

/** The contacts at a node now, or that passed through it, newest first (keyset-paginated). */
export async function nodeContacts(
  deps: ServiceDeps,
  actor: Actor,
  programId: string,
  nodeId: string,
  query: { kind: "now" | "passed"; cursor?: z.output<typeof nodeContactCursor>; limit: number },
) {
  await ownedProgram(deps, actor, programId);
  let after = sql`true`;
  if (query.cursor) {
    const [at, id] = query.cursor;
    after = sql`(x.at, x.id) < (${at}::timestamptz, ${id}::bigint)`;
  }
  const source =
    query.kind === "now"
      ? sql`select e.id, e.updated_at as at, e.contact_id, e.due_at, null::text as outcome from enrolments e
          where e.program_id = ${programId}::uuid and e.node_id = ${nodeId} and e.state = 'active'`
      : // History rows are per turn: walk the program's newest first, keeping those through the node.
        sql`select h.enrolment_id as id, h.at, e.contact_id, null::timestamptz as due_at,
            h.outcomes[array_position(h.node_ids, ${nodeId}::text)] as outcome
          from enrolment_history h join enrolments e on e.id = h.enrolment_id
          where h.program_id = ${programId}::uuid and h.node_ids @> array[${nodeId}::text]`;
  const rows = rowsOf<{
    id: number;
    at: string;
    sort_key: string;
    contact_id: string;
    email: string | null;
    values: Record<string, unknown>;
    due_at: string | null;
    outcome: string | null;
  }>(
    await deps.db.execute(sql`
      select x.id, x.at, x.at::text as sort_key, x.contact_id, c.email, c.values, x.due_at, x.outcome
      from (${source}) x join contacts c on c.id = x.contact_id and c.account_id = ${actor.accountId}::uuid
      where ${after}
      order by x.at desc, x.id desc
      limit ${query.limit + 1}`),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    contacts: page.map((r) => ({
      contactId: r.contact_id,
      email: r.email,
      values: r.values,
      at: new Date(r.at).toISOString(),
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      outcome: r.outcome,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

/** A contact's program history (SPEC §7): each program, the nodes passed, Messenger outcomes. */
export async function contactProgramHistory(deps: ServiceDeps, actor: Actor, contactId: string) {
  const owned = rowsOf<{ id: string }>(
    await deps.db.execute(
      sql`select id from contacts where id = ${contactId}::uuid and account_id = ${actor.accountId}::uuid`,
    ),
  );
  if (owned.length === 0) throw notFound("Contact");
  const enrolled = rowsOf<{
    id: number;
    program_id: string;
    name: string;
    state: string;
    node_id: string;
    outcome: string | null;
    entered_at: string;
  }>(
    await deps.db.execute(sql`
      select e.id, e.program_id, p.name, e.state, e.node_id, e.outcome, e.entered_at
      from enrolments e join programs p on p.id = e.program_id
      where e.contact_id = ${contactId}::uuid and e.account_id = ${actor.accountId}::uuid
      order by e.entered_at desc limit 50`),
  );
  const steps = rowsOf<{
    enrolment_id: number;
    node_id: string;
    at: string;
    outcome: string | null;
  }>(
    await deps.db.execute(sql`
      select h.enrolment_id, s.node_id, h.at, h.outcomes[s.i] as outcome
      from enrolment_history h cross join lateral unnest(h.node_ids) with ordinality as s(node_id, i)
      where h.enrolment_id in (select e.id from enrolments e
        where e.contact_id = ${contactId}::uuid and e.account_id = ${actor.accountId}::uuid
        order by e.entered_at desc limit 50)
      order by h.at, h.visit, s.i limit 1000`),
  );
  const messages = rowsOf<{
    enrolment_id: number;
    node_id: string;
    status: string;
    reason: string | null;
    text: string | null;
    created_at: string;
  }>(
    await deps.db.execute(sql`
      select enrolment_id, node_id, status, reason, text, created_at from messenger_messages
      where contact_id = ${contactId}::uuid and account_id = ${actor.accountId}::uuid order by created_at`),
  );
  return {
    programs: enrolled.map((e) => ({
      programId: e.program_id,
      programName: e.name,
      state: e.state,
      currentNodeId: e.state === "active" ? e.node_id : null,
      outcome: e.outcome,
      enteredAt: new Date(e.entered_at).toISOString(),
      steps: steps
        .filter((s) => s.enrolment_id === e.id)
        .map((s) => ({ nodeId: s.node_id, at: new Date(s.at).toISOString(), outcome: s.outcome })),
      messages: messages
        .filter((m) => m.enrolment_id === e.id)
        .map((m) => ({
          nodeId: m.node_id,
          status: m.status,
          reason: m.reason,
          text: m.text,
          at: new Date(m.created_at).toISOString(),
        })),
    })),
  };
}
