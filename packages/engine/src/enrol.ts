import { type Queryable, rowsOf } from "@waymark/db";
import type { ProgramDocument } from "@waymark/domain";
import { sql } from "drizzle-orm";
import type { ClockAndDatabase } from "./clock-and-database";

/** The Start node a new enrolment begins at. */
export function startNodeId(document: ProgramDocument): string | null {
  return document.nodes.find((n) => n.type === "start")?.id ?? null;
}

export interface ActiveProgram {
  id: string;
  accountId: string;
  version: number;
  startNodeId: string;
}

/**
 * Enrols the given contacts (already known to belong to the account) into an active program in
 * one statement. The partial unique index makes "never twice at once" a constraint: contacts
 * already in the program are skipped, not duplicated. Returns the ids actually enrolled.
 */
export async function enrolContacts(
  db: Queryable,
  program: ActiveProgram,
  contactIds: string[],
  now: Date,
): Promise<string[]> {
  if (contactIds.length === 0) return [];
  const rows = rowsOf<{ contact_id: string }>(
    await db.execute(sql`
      insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at, entered_at, updated_at)
      select ${program.accountId}::uuid, ${program.id}::uuid, ${program.version}, c.id, ${program.startNodeId},
        ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from contacts c
      where c.account_id = ${program.accountId}::uuid
        and c.id in (select (jsonb_array_elements_text(${JSON.stringify(contactIds)}::jsonb))::uuid)
      on conflict (program_id, contact_id) where state = 'active' do nothing
      returning contact_id`),
  );
  return rows.map((r) => r.contact_id);
}

const CHUNK = 5_000;
/** Members are re-checked this far back, so one committed late is not missed. */
const OVERLAP_MS = 60_000;

interface SyncRow {
  id: string;
  account_id: string;
  version: number;
  start_list_id: string;
  list_cursor: string | null;
  list_synced_at: string | null;
  activated_at: string;
}

/**
 * Enrols Start-list members of active programs (SPEC §6): first the whole list in keyset
 * chunks, counting progress, then members added later (anti-join, so a contact enters from
 * the list once). Resumable after a crash: the cursor is committed with each chunk.
 */
export async function syncStartLists(
  deps: ClockAndDatabase,
  startNodeOf: (programId: string, version: number) => Promise<string | null>,
): Promise<number> {
  const programs = rowsOf<SyncRow>(
    await deps.db.execute(sql`
      select id, account_id, version, start_list_id, list_cursor, list_synced_at, activated_at from programs
      where status = 'active' and start_list_id is not null`),
  );
  let enrolled = 0;
  for (const p of programs) {
    const start = await startNodeOf(p.id, p.version);
    if (!start) continue;
    const now = deps.now();
    await deps.db.transaction(async (tx) => {
      const initial = p.list_synced_at === null;
      const members = initial
        ? sql`select contact_id from list_members where list_id = ${p.start_list_id}::uuid
            and (${p.list_cursor}::uuid is null or contact_id > ${p.list_cursor}::uuid)
            order by contact_id limit ${CHUNK}`
        : sql`select contact_id from list_members where list_id = ${p.start_list_id}::uuid
            and added_at >= ${new Date(new Date(p.list_synced_at!).getTime() - OVERLAP_MS).toISOString()}::timestamptz`;
      const result = rowsOf<{ chunk: number; inserted: number; last: string | null }>(
        await tx.execute(sql`
          with m as (${members}),
          ins as (
            insert into enrolments (account_id, program_id, program_version, contact_id, node_id, due_at, entered_at, updated_at)
            select ${p.account_id}::uuid, ${p.id}::uuid, ${p.version}, m.contact_id, ${start},
              ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
            from m
            -- "Entered before" is probed per member through the contact's enrolments (a
            -- contact has few): the cost follows the chunk, not the size of enrolments.
            left join lateral (select 1 as hit from enrolments e
              where e.contact_id = m.contact_id and e.program_id = ${p.id}::uuid limit 1) before on true
            where before.hit is null
            on conflict (program_id, contact_id) where state = 'active' do nothing
            returning 1
          )
          select (select count(*)::int from m) as chunk, (select count(*)::int from ins) as inserted,
            (select contact_id::text from m order by contact_id desc limit 1) as last`),
      )[0]!;
      enrolled += result.inserted;
      if (initial) {
        const finished = result.chunk < CHUNK;
        const firstChunk = p.list_cursor === null;
        await tx.execute(sql`
          update programs set list_cursor = ${result.last ?? p.list_cursor}::uuid,
            enrolment_total = case when ${firstChunk}
              then (select count(*)::int from list_members where list_id = ${p.start_list_id}::uuid)
              else enrolment_total end,
            enrolment_done = case when ${firstChunk} then 0 else enrolment_done end + ${result.chunk},
            list_synced_at = case when ${finished}
              then coalesce(${p.activated_at}::timestamptz, ${now.toISOString()}::timestamptz) else null end
          where id = ${p.id}::uuid`);
      } else {
        await tx.execute(
          sql`update programs set list_synced_at = ${now.toISOString()}::timestamptz where id = ${p.id}::uuid`,
        );
      }
    });
  }
  return enrolled;
}
