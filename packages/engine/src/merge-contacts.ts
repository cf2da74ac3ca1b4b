import { rowsOf, type Transaction } from "@waymark/db";
import { sql } from "drizzle-orm";
import { pgArray, unnestRows } from "./pg-array";

/** One merge asked for: `sourceId` goes into `targetId`, both of `accountId`. */
export interface MergePair {
  accountId: string;
  sourceId: string;
  targetId: string;
}

/** Why a merge happened, kept with its pointer. */
export type MergeReason = "opt-in" | "import" | "manual";

/** What one merge did, or why it did nothing. */
export interface MergeOutcome extends MergePair {
  /**
   * `merged`: done now; `already_merged`: the source was merged into the target before (a
   * no-op); `merged_elsewhere`: the source went into `mergedInto`; `not_found`: either contact
   * is not in the account (or they are the same contact).
   */
  status: "merged" | "already_merged" | "merged_elsewhere" | "not_found";
  mergedInto?: string;
  /** Fields the target had empty, filled from the source. */
  filledFields: string[];
  /** Whether the target took the source's email (it had none). */
  emailFromSource: boolean;
  listsAdded: number;
  enrolmentsMoved: number;
  /** The source's active enrolments ended because the target was active in the same program. */
  enrolmentsEnded: number;
  messengerLinksMoved: number;
  messagesMoved: number;
}

/**
 * Merges each source contact into its target in the caller's transaction (issue 18), set-based:
 * the target keeps its email (taking the source's when it has none) and its field values, empty
 * ones filled from the source; lists are united; enrolments with their history and Messenger
 * messages move to the target. Where both are active in one program the target's enrolment
 * stays active and the source's ends (`removed`, outcome `merged`, a history row saying so).
 * Where both are linked on one profile the target's link is kept (it is the contact the ref or
 * the marketer named) and the source's goes with it. The source is deleted and a pointer
 * (`contact_merges`) remembers its target, so merging it again answers `already_merged`.
 */
export async function mergeContacts(
  tx: Transaction,
  pairs: readonly MergePair[],
  reason: MergeReason,
  now: Date,
): Promise<MergeOutcome[]> {
  const outcomes: MergeOutcome[] = [];
  let pending = dedupe(pairs);
  // A round holds pairs whose contacts appear once, so each statement updates a row once;
  // the rest (a target merged on, several sources into one target) wait for the next round.
  while (pending.length > 0) {
    const seen = new Set<string>();
    const round: MergePair[] = [];
    const later: MergePair[] = [];
    for (const pair of pending) {
      if (seen.has(pair.sourceId) || seen.has(pair.targetId)) later.push(pair);
      else {
        round.push(pair);
        seen.add(pair.sourceId);
        seen.add(pair.targetId);
      }
    }
    outcomes.push(...(await mergeRound(tx, round, reason, now)));
    pending = later;
  }
  return outcomes;
}

function dedupe(pairs: readonly MergePair[]): MergePair[] {
  const bySource = new Map<string, MergePair>();
  for (const pair of pairs) if (!bySource.has(pair.sourceId)) bySource.set(pair.sourceId, pair);
  return [...bySource.values()];
}

const none = {
  filledFields: [],
  emailFromSource: false,
  listsAdded: 0,
  enrolmentsMoved: 0,
  enrolmentsEnded: 0,
  messengerLinksMoved: 0,
  messagesMoved: 0,
};

async function mergeRound(
  tx: Transaction,
  round: MergePair[],
  reason: MergeReason,
  now: Date,
): Promise<MergeOutcome[]> {
  const at = now.toISOString();
  const ids = [...new Set(round.flatMap((p) => [p.sourceId, p.targetId]))].sort();
  // Enrolments before contacts, the engine's order (a claim locks enrolments, then writes
  // contacts' fields), so a merge waits for a batch in flight instead of deadlocking with it.
  await tx.execute(sql`
    select id from enrolments where contact_id = any(${pgArray(ids)}::uuid[])
    order by id for update`);
  const found = new Map(
    rowsOf<{ id: string; account_id: string }>(
      await tx.execute(sql`
        select id, account_id from contacts where id = any(${pgArray(ids)}::uuid[])
        order by id for update`),
    ).map((r) => [r.id, r.account_id]),
  );
  const outcomes = new Map<string, MergeOutcome>();
  const ready: MergePair[] = [];
  const gone: MergePair[] = [];
  for (const pair of round) {
    const ok = (id: string) => found.get(id) === pair.accountId;
    if (pair.sourceId !== pair.targetId && ok(pair.sourceId) && ok(pair.targetId)) ready.push(pair);
    else if (pair.sourceId !== pair.targetId && ok(pair.targetId)) gone.push(pair);
    else outcomes.set(pair.sourceId, { ...pair, ...none, status: "not_found" });
  }
  if (gone.length > 0) {
    const pointers = new Map(
      rowsOf<{ source_id: string; target_id: string; account_id: string }>(
        await tx.execute(sql`
          select source_id, target_id, account_id from contact_merges
          where source_id = any(${pgArray(gone.map((p) => p.sourceId))}::uuid[])`),
      ).map((r) => [r.source_id, r]),
    );
    for (const pair of gone) {
      const pointer = pointers.get(pair.sourceId);
      const status =
        !pointer || pointer.account_id !== pair.accountId
          ? "not_found"
          : pointer.target_id === pair.targetId
            ? "already_merged"
            : "merged_elsewhere";
      outcomes.set(pair.sourceId, {
        ...pair,
        ...none,
        status,
        ...(status === "merged_elsewhere" ? { mergedInto: pointer!.target_id } : {}),
      });
    }
  }
  if (ready.length > 0) {
    for (const outcome of await applyMerges(tx, ready, reason, at)) {
      outcomes.set(outcome.sourceId, outcome);
    }
  }
  return round.map((p) => outcomes.get(p.sourceId)!);
}

async function applyMerges(
  tx: Transaction,
  ready: MergePair[],
  reason: MergeReason,
  at: string,
): Promise<MergeOutcome[]> {
  const input = () =>
    unnestRows(ready, "p", {
      account_id: ["uuid", (p) => p.accountId],
      source: ["uuid", (p) => p.sourceId],
      target: ["uuid", (p) => p.targetId],
    });
  // The source's email is freed first: an email is unique per account.
  const freed = rowsOf<{ source: string; email: string }>(
    await tx.execute(sql`
      with old as (select c.id, c.email from contacts c join ${input()} on c.id = p.source
        where c.email is not null)
      update contacts c set email = null from old where c.id = old.id
      returning c.id as source, old.email`),
  );
  const emails = new Map(freed.map((r) => [r.source, r.email]));
  // A target's empty text ("") counts as no value; its other values win over the source's.
  const filled = rowsOf<{ target: string; filled: string[] | null; email_taken: boolean }>(
    await tx.execute(sql`
      with x as (
        select p.target, s.values as source_values, t.email as target_email,
          coalesce((select jsonb_object_agg(k, v) from jsonb_each(t.values) as e(k, v)
            where v <> '""'::jsonb), '{}'::jsonb) as kept
        from ${input()} join contacts s on s.id = p.source join contacts t on t.id = p.target
      ), e as (
        select * from ${unnestRows(freed, "f", { source: ["uuid", (f) => f.source], email: ["text", (f) => f.email] })}
      )
      update contacts t set values = x.source_values || x.kept,
        email = coalesce(t.email, (select e.email from e join ${input()} on p.source = e.source
          where p.target = t.id)),
        updated_at = ${at}::timestamptz
      from x where t.id = x.target
      returning t.id as target, x.target_email is null and t.email is not null as email_taken,
        (select array_agg(k order by k) from jsonb_object_keys(x.source_values) as k
          where not (x.kept ? k) and x.source_values -> k <> '""'::jsonb) as filled`),
  );
  const byTarget = new Map(filled.map((r) => [r.target, r]));
  const lists = countBy(
    await tx.execute(sql`
      insert into list_members (list_id, contact_id, account_id, added_at)
      select m.list_id, p.target, m.account_id, m.added_at
      from ${input()} join list_members m on m.contact_id = p.source
      on conflict do nothing
      returning contact_id as target`),
  );
  // Both linked on one profile: the target's link stays; the source's goes with the source.
  const links = rowsOf<{ target: string; profile_id: string; psid: string }>(
    await tx.execute(sql`
      update messenger_contacts m set contact_id = p.target
      from ${input()}
      where m.contact_id = p.source and not exists (select 1 from messenger_contacts t
        where t.profile_id = m.profile_id and t.contact_id = p.target)
      returning p.target, m.profile_id, m.psid`),
  );
  if (links.length > 0) {
    // The FBOPTIN field mirrors the link the target now has.
    await tx.execute(sql`
      update contacts c set values = c.values || x.fields
      from (select l.target, jsonb_object_agg(mp.opt_in_field_name, l.psid) as fields
        from ${unnestRows(links, "l", {
          target: ["uuid", (l) => l.target],
          profile_id: ["uuid", (l) => l.profile_id],
          psid: ["text", (l) => l.psid],
        })} join messenger_profiles mp on mp.id = l.profile_id
        group by l.target) x
      where c.id = x.target`);
  }
  // One active enrolment per program: the source's ends where the target is active too, with
  // a history row at its node saying it was merged (visit is the next unused number).
  const ended = countBy(
    await tx.execute(sql`
      with ended as (
        update enrolments e set state = 'removed', outcome = 'merged', next_node_id = null,
          parked = false, visit = e.visit + 1, updated_at = ${at}::timestamptz
        from ${input()}
        where e.contact_id = p.source and e.state = 'active' and exists (select 1 from enrolments t
          where t.contact_id = p.target and t.program_id = e.program_id and t.state = 'active')
        returning e.id, e.visit - 1 as visit, e.program_id, e.node_id, p.target
      ), history as (
        insert into enrolment_history (enrolment_id, visit, program_id, at, node_ids, outcomes)
        select id, visit, program_id, ${at}::timestamptz, array[node_id], array['merged'] from ended
      )
      select target from ended`),
  );
  const moved = countBy(
    await tx.execute(sql`
      update enrolments e set contact_id = p.target from ${input()}
      where e.contact_id = p.source returning p.target`),
  );
  const messages = countBy(
    await tx.execute(sql`
      update messenger_messages m set contact_id = p.target from ${input()}
      where m.contact_id = p.source returning p.target`),
  );
  await tx.execute(sql`
    update contact_merges c set target_id = p.target from ${input()} where c.target_id = p.source`);
  await tx.execute(sql`
    insert into contact_merges (source_id, account_id, target_id, reason, merged_at)
    select p.source, p.account_id, p.target, ${reason}, ${at}::timestamptz from ${input()}
    on conflict (source_id) do update set target_id = excluded.target_id,
      reason = excluded.reason, merged_at = excluded.merged_at`);
  await tx.execute(sql`
    delete from contacts c using ${input()} where c.id = p.source`);
  return ready.map((pair) => {
    const row = byTarget.get(pair.targetId);
    return {
      ...pair,
      status: "merged" as const,
      filledFields: row?.filled ?? [],
      emailFromSource: Boolean(row?.email_taken && emails.has(pair.sourceId)),
      listsAdded: lists.get(pair.targetId) ?? 0,
      enrolmentsMoved: moved.get(pair.targetId) ?? 0,
      enrolmentsEnded: ended.get(pair.targetId) ?? 0,
      messengerLinksMoved: links.filter((l) => l.target === pair.targetId).length,
      messagesMoved: messages.get(pair.targetId) ?? 0,
    };
  });
}

function countBy(result: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { target } of rowsOf<{ target: string }>(result)) {
    counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  return counts;
}
