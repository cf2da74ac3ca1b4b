import type { Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";
import type { EnrolmentPlan } from "./advance-enrolment";
import { localDay } from "./local-day";

interface PlanRow {
  row: { id: number; account_id: string; program_id: string; contact_id: string };
  plan: EnrolmentPlan;
  timeZone: string;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Writes a decided batch with a handful of set-based statements (DESIGN §2 step 4). */
export async function writeBatch(tx: Transaction, plans: PlanRow[], now: Date): Promise<void> {
  const at = now.toISOString();
  const positions = plans.map(({ plan }) => ({
    id: plan.enrolmentId,
    node_id: plan.nodeId,
    next_node_id: plan.nextNodeId,
    visit: plan.visit,
    due_at: plan.dueAt.toISOString(),
    state: plan.done ? "done" : "active",
    outcome: plan.outcome,
  }));
  await tx.execute(sql`
    update enrolments e set node_id = p.node_id, next_node_id = p.next_node_id, visit = p.visit,
      due_at = p.due_at, state = p.state, outcome = p.outcome, updated_at = ${at}::timestamptz
    from jsonb_to_recordset(${json(positions)}) as p(id bigint, node_id text, next_node_id text, visit int,
      due_at timestamptz, state text, outcome text)
    where e.id = p.id`);

  const steps = plans.flatMap(({ row, plan }) =>
    plan.steps.map((s) => ({
      enrolment_id: row.id,
      program_id: row.program_id,
      contact_id: row.contact_id,
      node_id: s.nodeId,
      visit: s.visit,
      outcome: s.outcome,
    })),
  );
  if (steps.length > 0) {
    await tx.execute(sql`
      insert into enrolment_steps (enrolment_id, program_id, contact_id, node_id, visit, at, outcome)
      select s.enrolment_id, s.program_id, s.contact_id, s.node_id, s.visit, ${at}::timestamptz, s.outcome
      from jsonb_to_recordset(${json(steps)}) as s(enrolment_id bigint, program_id uuid, contact_id uuid,
        node_id text, visit int, outcome text)`);
    const passed = new Map<string, { program_id: string; node_id: string; n: number }>();
    for (const s of steps) {
      const key = `${s.program_id}\u0000${s.node_id}`;
      const entry = passed.get(key) ?? { program_id: s.program_id, node_id: s.node_id, n: 0 };
      entry.n += 1;
      passed.set(key, entry);
    }
    await tx.execute(sql`
      insert into program_node_counts (program_id, node_id, passed)
      select c.program_id, c.node_id, c.n
      from jsonb_to_recordset(${json([...passed.values()])}) as c(program_id uuid, node_id text, n bigint)
      on conflict (program_id, node_id) do update set passed = program_node_counts.passed + excluded.passed`);
  }

  const messages = plans.flatMap(({ row, plan, timeZone }) =>
    plan.messages.map((m) => ({
      account_id: row.account_id,
      profile_id: m.profileId,
      program_id: row.program_id,
      node_id: m.nodeId,
      enrolment_id: row.id,
      visit: m.visit,
      contact_id: row.contact_id,
      psid: m.psid,
      messaging_type: m.messagingType,
      tag: m.tag,
      text: m.text,
      uses_extra: m.usesExtra ? 1 : 0,
      status: m.status,
      reason: m.reason,
      day: localDay(now, timeZone),
    })),
  );
  if (messages.length > 0) {
    // ON CONFLICT: a node visit has one message whatever happens (DESIGN §3); only rows really
    // inserted count as warnings.
    await tx.execute(sql`
      with inserted as (
        insert into messenger_messages (account_id, profile_id, program_id, node_id, enrolment_id, visit,
          contact_id, psid, messaging_type, tag, text, uses_extra, status, reason, day, created_at, next_attempt_at)
        select m.account_id, m.profile_id, m.program_id, m.node_id, m.enrolment_id, m.visit, m.contact_id,
          m.psid, m.messaging_type, m.tag, m.text, m.uses_extra, m.status, m.reason, m.day,
          ${at}::timestamptz, ${at}::timestamptz
        from jsonb_to_recordset(${json(messages)}) as m(account_id uuid, profile_id uuid, program_id uuid,
          node_id text, enrolment_id bigint, visit int, contact_id uuid, psid text, messaging_type text,
          tag text, text text, uses_extra int, status text, reason text, day date)
        on conflict (enrolment_id, node_id, visit) do nothing
        returning profile_id, day, reason, status
      ), w as (
        select profile_id, day, reason, count(*)::int as n from inserted
        where status = 'not_sent' group by profile_id, day, reason
      ), totals as (
        insert into messenger_daily_stats (profile_id, day, not_sent)
        select profile_id, day, sum(n)::int from w group by profile_id, day
        on conflict (profile_id, day) do update set not_sent = messenger_daily_stats.not_sent + excluded.not_sent
      )
      insert into messenger_daily_reasons (profile_id, day, kind, reason, count)
      select profile_id, day, 'warning', reason, n from w
      on conflict (profile_id, day, kind, reason) do update set count = messenger_daily_reasons.count + excluded.count`);
    const extras = messages.filter((m) => m.uses_extra === 1);
    if (extras.length > 0) {
      await tx.execute(sql`
        update messenger_contacts mc set extra_used_at = ${at}::timestamptz
        from jsonb_to_recordset(${json(extras)}) as x(profile_id uuid, contact_id uuid)
        where mc.profile_id = x.profile_id and mc.contact_id = x.contact_id`);
    }
  }

  const fieldUpdates = plans.flatMap(({ row, plan }) => {
    const entries = Object.entries(plan.fieldChanges);
    if (entries.length === 0) return [];
    return [
      {
        id: row.contact_id,
        set: Object.fromEntries(entries.filter(([, v]) => v !== null)),
        unset: entries.filter(([, v]) => v === null).map(([k]) => k),
      },
    ];
  });
  if (fieldUpdates.length > 0) {
    await tx.execute(sql`
      update contacts c set values = (c.values || u.set) - array(select jsonb_array_elements_text(u.unset)),
        updated_at = ${at}::timestamptz
      from jsonb_to_recordset(${json(fieldUpdates)}) as u(id uuid, set jsonb, unset jsonb)
      where c.id = u.id`);
  }
}
