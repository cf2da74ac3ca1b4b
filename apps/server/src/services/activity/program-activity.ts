import { AccountScope, programs, rowsOf } from "@waymark/db";
import { pgArray } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { bigintId, encodeCursor, pgTimestamptzText } from "../page-cursor";
import { loadNodeNames } from "../programs/node-names";

async function ownedProgram(deps: ServiceDeps, actor: Actor, programId: string) {
  const [program] = await new AccountScope(deps.db, actor.accountId).select(
    programs,
    eq(programs.id, programId),
  );
  if (!program) throw notFound("Program");
  return program;
}

/** A Messenger node's messages by outcome: what the counts under the node link to. */
export const MESSAGE_COUNT_KINDS = ["sent", "delivered", "read", "warnings", "errors"] as const;
export type MessageCountKind = (typeof MESSAGE_COUNT_KINDS)[number];

/** The statuses behind each count: sent counts every message Facebook took (delivered, read too). */
const KIND_STATUSES: Record<MessageCountKind, readonly string[]> = {
  sent: ["sent", "delivered", "read"],
  delivered: ["delivered", "read"],
  read: ["read"],
  warnings: ["not_sent"],
  errors: ["failed"],
};

/**
 * Per-node counts for the canvas (SPEC §5): contacts at each node now (active enrolments by
 * node, an index range) and contacts that have left it: the per-node counter counts a Wait
 * when a contact arrives, so those still waiting there (a next node set) are taken off. A
 * Messenger node also has its messages by outcome. Plus the Start-list enrolment progress.
 */
export async function programNodeStats(deps: ServiceDeps, actor: Actor, programId: string) {
  const program = await ownedProgram(deps, actor, programId);
  const rows = rowsOf<{ node_id: string; now: number; passed: number }>(
    await deps.db.execute(sql`
      select coalesce(n.node_id, c.node_id) as node_id, coalesce(n.now, 0)::int as now,
        greatest(coalesce(c.passed, 0) - coalesce(n.waiting, 0), 0)::int as passed
      from (select node_id, count(*) as now, count(*) filter (where next_node_id is not null) as waiting
        from enrolments where program_id = ${programId}::uuid and state = 'active' group by node_id) n
      full join (select node_id, passed from program_node_counts where program_id = ${programId}::uuid) c on c.node_id = n.node_id`),
  );
  const messageRows = rowsOf<{ node_id: string; status: string; n: number }>(
    await deps.db.execute(sql`
      select node_id, status, count(*)::int as n from messenger_messages
      where program_id = ${programId}::uuid group by node_id, status`),
  );
  const messages: Record<string, Record<MessageCountKind, number>> = {};
  for (const r of messageRows) {
    const counts = messages[r.node_id] ?? {
      sent: 0,
      delivered: 0,
      read: 0,
      warnings: 0,
      errors: 0,
    };
    messages[r.node_id] = counts;
    for (const kind of MESSAGE_COUNT_KINDS) {
      if (KIND_STATUSES[kind].includes(r.status)) counts[kind] += r.n;
    }
  }
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
    messages,
  };
}

/** Where a page of node contacts ends: the last row's time (as PostgreSQL prints it) and id. */
export const nodeContactCursor = z.tuple([pgTimestamptzText, bigintId]);

/** What a node's drill-down lists: contacts there now, that left it, or behind a message count. */
export type NodeContactsKind = "now" | "passed" | MessageCountKind;

/**
 * The contacts at a node now, that have left it, or whose message from it has an outcome,
 * newest first (keyset-paginated). At a Messenger node the outcome is the message's status
 * now (queued → sent → delivered → read), not what it was when it was queued.
 */
export async function nodeContacts(
  deps: ServiceDeps,
  actor: Actor,
  programId: string,
  nodeId: string,
  query: { kind: NodeContactsKind; cursor?: z.output<typeof nodeContactCursor>; limit: number },
) {
  await ownedProgram(deps, actor, programId);
  let after = sql`true`;
  if (query.cursor) {
    const [at, id] = query.cursor;
    after = sql`(x.at, x.id) < (${at}::timestamptz, ${id}::bigint)`;
  }
  const message = sql`(select 'msg:' || m.status || coalesce(': ' || m.reason, '') from messenger_messages m
    where m.enrolment_id = e.id and m.node_id = ${nodeId} order by m.visit desc limit 1)`;
  const source =
    query.kind === "now"
      ? sql`select e.id, e.updated_at as at, e.contact_id, e.due_at, null::text as outcome from enrolments e
          where e.program_id = ${programId}::uuid and e.node_id = ${nodeId} and e.state = 'active'`
      : query.kind === "passed"
        ? // History rows are per turn: walk the program's newest first, keeping those through the
          // node, less the contacts still waiting at it.
          sql`select h.enrolment_id as id, h.at, e.contact_id, null::timestamptz as due_at,
            coalesce(${message}, h.outcomes[array_position(h.node_ids, ${nodeId}::text)]) as outcome
          from enrolment_history h join enrolments e on e.id = h.enrolment_id
          where h.program_id = ${programId}::uuid and h.node_ids @> array[${nodeId}::text]
            and not (e.state = 'active' and e.node_id = ${nodeId} and e.next_node_id is not null)`
        : sql`select e.id, m.created_at as at, m.contact_id, null::timestamptz as due_at,
            'msg:' || m.status || coalesce(': ' || m.reason, '') as outcome
          from messenger_messages m join enrolments e on e.id = m.enrolment_id
          where m.program_id = ${programId}::uuid and m.node_id = ${nodeId}
            and m.status = any(${pgArray(KIND_STATUSES[query.kind])}::text[])`;
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
      outcome: r.outcome === null ? null : plainOutcome(r.outcome),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

const STATUS_WORDS: Record<string, string> = {
  queued: "message queued",
  held: "message held: program deactivated",
  in_flight: "message sending",
  sent: "message sent",
  delivered: "message delivered",
  read: "message read",
  failed: "error",
  not_sent: "warning",
  unknown: "message outcome unknown",
};

/** "msg:delivered" → "message delivered", "msg:not_sent: not opted in" → "warning: not opted in". */
function plainOutcome(outcome: string): string {
  if (!outcome.startsWith("msg:")) return outcome;
  const rest = outcome.slice(4);
  const colon = rest.indexOf(": ");
  const status = colon < 0 ? rest : rest.slice(0, colon);
  const words = STATUS_WORDS[status] ?? status;
  return colon < 0 ? words : `${words}${rest.slice(colon)}`;
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
  const nameOf = await loadNodeNames(
    deps.db,
    actor.accountId,
    enrolled.map((e) => e.program_id),
  );
  return {
    programs: enrolled.map((e) => ({
      programId: e.program_id,
      programName: e.name,
      state: e.state,
      currentNodeId: e.state === "active" ? e.node_id : null,
      currentNodeName: e.state === "active" ? (nameOf(e.program_id, e.node_id) ?? e.node_id) : null,
      outcome: e.outcome,
      enteredAt: new Date(e.entered_at).toISOString(),
      steps: steps
        .filter((s) => s.enrolment_id === e.id)
        .map((s) => ({
          nodeId: s.node_id,
          nodeName: nameOf(e.program_id, s.node_id) ?? s.node_id,
          at: new Date(s.at).toISOString(),
          outcome: s.outcome,
        })),
      messages: messages
        .filter((m) => m.enrolment_id === e.id)
        .map((m) => ({
          nodeId: m.node_id,
          nodeName: nameOf(e.program_id, m.node_id) ?? m.node_id,
          status: m.status,
          reason: m.reason,
          text: m.text,
          at: new Date(m.created_at).toISOString(),
        })),
    })),
  };
}
