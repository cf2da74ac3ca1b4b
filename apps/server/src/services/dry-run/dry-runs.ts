import { rowsOf } from "@waymark/db";
import { type DryRunSummary, parseProgramDocument } from "@waymark/domain";
import { startNodeId } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { type DryRunOptions, profilesRead, runDryRun } from "./run-dry-run";

/** What a dry run assumes, stated with every result. */
export const DRY_RUN_ASSUMPTIONS = [
  "Every Wait is taken as already elapsed.",
  "Decisions and the 24-hour window are judged on the contacts' data at the time the dry run started.",
  "Nothing is sent and no contact is changed.",
] as const;

/** A running dry run not heard from for this long lost its process (a restart). */
const HEARTBEAT_LIMIT_MS = 60_000;

/** Runs started by this process, so tests and shutdown can wait for them. */
const running = new Map<string, Promise<unknown>>();

/** Waits for a dry run this process is running (resolves at once if none). */
export async function settledDryRun(id: string): Promise<void> {
  await running.get(id);
}

interface Watermark {
  members: number;
  /** The newest membership of the list, as PostgreSQL prints it. */
  lastAdded: string | null;
  /** The newest `updated_at` (UTC text) among the contacts the run read. */
  newestContact?: string | null;
  profiles: { id: string; status: string; connection: string; policy: string }[];
  /** The account's data fields with their types and defaults, as one digest (absent in old runs). */
  fields?: string;
}

interface DryRunRow {
  id: string;
  program_id: string;
  program_version: number;
  list_id: string | null;
  status: "running" | "done" | "cancelled" | "failed";
  cancel_requested: string | null;
  total: number;
  done: number;
  summary: DryRunSummary | null;
  watermark: Watermark;
  error: string | null;
  evaluated_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  created_at: string;
  current_version: number;
  account_id: string;
}

/**
 * Starts a dry run of the program's saved version over its Start list (issue 16.1) and returns
 * at once; the run goes on in this process. A run of the same program still going is returned
 * instead of starting another. Earlier runs of the same version are replaced.
 */
export async function startDryRun(
  deps: ServiceDeps,
  actor: Actor,
  programId: string,
  options: DryRunOptions = {},
) {
  const [program] = rowsOf<{
    id: string;
    version: number;
    document: unknown;
    start_list_id: string | null;
  }>(
    await deps.db.execute(sql`
      select id, version, document, start_list_id from programs
      where id = ${programId}::uuid and account_id = ${actor.accountId}::uuid`),
  );
  if (!program) throw notFound("Program");
  const [busy] = rowsOf<{ id: string }>(
    await deps.db.execute(sql`
      select id from dry_runs where program_id = ${programId}::uuid and status = 'running'
        and cancel_requested is null and heartbeat_at > now() - make_interval(secs => ${HEARTBEAT_LIMIT_MS / 1000})
      order by created_at desc limit 1`),
  );
  if (busy) return { created: false, dryRun: await getDryRun(deps, actor, busy.id) };

  const parsed = parseProgramDocument(program.document);
  const start = parsed.ok ? startNodeId(parsed.document) : null;
  if (!parsed.ok || !start) {
    throw new ServiceError(409, "no_start", "The program has no Start step to test from.");
  }
  if (!program.start_list_id) {
    throw new ServiceError(
      409,
      "no_start_list",
      "The Start step names no list: choose the list whose contacts to test with, and save.",
    );
  }
  const now = deps.now();
  const watermark = await currentWatermark(
    deps,
    actor.accountId,
    program.start_list_id,
    profilesRead(parsed.document),
  );
  const [row] = rowsOf<{ id: string }>(
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`
        delete from dry_runs where program_id = ${programId}::uuid and program_version = ${program.version}`);
      return tx.execute(sql`
        insert into dry_runs (account_id, program_id, program_version, list_id, status, total, watermark,
          evaluated_at, heartbeat_at, created_by_user_id)
        values (${actor.accountId}::uuid, ${programId}::uuid, ${program.version}, ${program.start_list_id}::uuid,
          'running', ${watermark.members}, ${JSON.stringify(watermark)}::jsonb, ${now.toISOString()}::timestamptz,
          now(), ${actor.userId}::uuid)
        returning id`);
    }),
  );
  const id = row!.id;
  const job = runDryRun(
    deps.db,
    {
      id,
      accountId: actor.accountId,
      listId: program.start_list_id,
      program: parsed.document,
      startNodeId: start,
      now,
    },
    options,
  )
    .catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      await deps.db
        .execute(sql`
          update dry_runs set status = 'failed', error = ${message}, finished_at = now()
          where id = ${id}::uuid and status = 'running'`)
        .catch(() => {});
    })
    .finally(() => running.delete(id));
  running.set(id, job);
  return { created: true, dryRun: await getDryRun(deps, actor, id) };
}

/** Stops a running dry run after the batch in hand (keeping what it found), then returns it. */
export async function cancelDryRun(deps: ServiceDeps, actor: Actor, programId: string, id: string) {
  await requestDryRunCancel(deps, actor, programId, id);
  await settledDryRun(id);
  return getDryRun(deps, actor, id, programId);
}

/** Marks a dry run cancelled; its runner sees it when it writes its next batch. */
export async function requestDryRunCancel(
  deps: ServiceDeps,
  actor: Actor,
  programId: string,
  id: string,
): Promise<void> {
  const [row] = rowsOf<{ id: string }>(
    await deps.db.execute(sql`
      update dry_runs set cancel_requested = coalesce(cancel_requested, now()),
        status = case when status = 'running' then 'cancelled' else status end,
        finished_at = case when status = 'running' then now() else finished_at end
      where id = ${id}::uuid and program_id = ${programId}::uuid and account_id = ${actor.accountId}::uuid
      returning id`),
  );
  if (!row) throw notFound("Dry run");
}

/** The newest dry run of a program (any version), or null when it was never tested. */
export async function latestDryRun(deps: ServiceDeps, actor: Actor, programId: string) {
  const [row] = rowsOf<{ id: string }>(
    await deps.db.execute(sql`
      select d.id from dry_runs d
      where d.program_id = ${programId}::uuid and d.account_id = ${actor.accountId}::uuid
      order by d.created_at desc limit 1`),
  );
  if (!row) {
    const [program] = rowsOf<{ id: string }>(
      await deps.db.execute(sql`
        select id from programs where id = ${programId}::uuid and account_id = ${actor.accountId}::uuid`),
    );
    if (!program) throw notFound("Program");
    return null;
  }
  return getDryRun(deps, actor, row.id, programId);
}

/** A dry run's state, progress and result, and whether it still describes the program and base. */
export async function getDryRun(deps: ServiceDeps, actor: Actor, id: string, programId?: string) {
  const [row] = rowsOf<DryRunRow>(
    await deps.db.execute(sql`
      select d.*, p.version as current_version from dry_runs d join programs p on p.id = d.program_id
      where d.id = ${id}::uuid and d.account_id = ${actor.accountId}::uuid
        ${programId ? sql`and d.program_id = ${programId}::uuid` : sql``}`),
  );
  if (!row) throw notFound("Dry run");
  const lost =
    row.status === "running" &&
    !running.has(row.id) &&
    deps.now().getTime() - new Date(row.heartbeat_at).getTime() > HEARTBEAT_LIMIT_MS;
  const status = lost ? "failed" : row.status;
  const staleReasons = status === "done" ? await staleness(deps, row) : [];
  return {
    id: row.id,
    programId: row.program_id,
    programVersion: row.program_version,
    status,
    progress: { done: row.done, total: row.total },
    evaluatedAt: new Date(row.evaluated_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    error: lost ? "The server stopped while this dry run was going; start it again." : row.error,
    stale: staleReasons.length > 0,
    staleReasons,
    assumptions: [...DRY_RUN_ASSUMPTIONS],
    summary: row.summary ?? emptySummary(),
  };
}

/** A dry run as the APIs return it. */
export type DryRunView = Awaited<ReturnType<typeof getDryRun>>;

function emptySummary(): DryRunSummary {
  return { contacts: 0, sends: 0, skips: 0, nodes: {}, reasons: [], outcomes: {} };
}

/** What the run's numbers depended on when it started: list size and the profiles' state. */
async function currentWatermark(
  deps: ServiceDeps,
  accountId: string,
  listId: string,
  profileIds: readonly string[],
): Promise<Watermark> {
  const [members] = rowsOf<{ n: number; last: string | null }>(
    await deps.db.execute(sql`
      select count(*)::int as n, max(added_at)::text as last from list_members where list_id = ${listId}::uuid`),
  );
  const profiles = rowsOf<Watermark["profiles"][number]>(
    await deps.db.execute(sql`
      select id, status, connection, policy_version as policy
      from messenger_profiles
      where id in (select unnest(${`{${profileIds.join(",")}}`}::uuid[])) order by id`),
  );
  // Fields are few per account: digesting them at each read beats stamping every change.
  const [fields] = rowsOf<{ digest: string | null }>(
    await deps.db.execute(sql`
      select md5(string_agg(name || ':' || type || ':' || coalesce(default_value::text, ''), ',' order by name))
        as digest
      from data_fields where account_id = ${accountId}::uuid`),
  );
  return {
    members: members?.n ?? 0,
    lastAdded: members?.last ?? null,
    profiles,
    fields: fields?.digest ?? "",
  };
}

/**
 * Why a finished run no longer describes what activating would do: the program was saved
 * since, a profile it uses changed, a data field or its default changed, or the list's members, their values or their Messenger
 * state changed after the run started (each an EXISTS that stops at the first change).
 */
async function staleness(deps: ServiceDeps, row: DryRunRow): Promise<string[]> {
  const reasons: string[] = [];
  if (row.current_version !== row.program_version) reasons.push("The program was saved since.");
  if (!row.list_id) return [...reasons, "The Start list was deleted."];
  const profileIds = row.watermark.profiles.map((p) => p.id);
  const now = await currentWatermark(deps, row.account_id, row.list_id, profileIds);
  const profileKey = (p: Watermark["profiles"]) =>
    p.map((x) => `${x.id} ${x.status} ${x.connection} ${x.policy}`).join();
  if (profileKey(now.profiles) !== profileKey(row.watermark.profiles)) {
    reasons.push("A Messenger profile the program uses changed.");
  }
  if (row.watermark.fields !== undefined && now.fields !== row.watermark.fields) {
    reasons.push("Data fields or their default values changed.");
  }
  // Contacts changed after the run started, or after the newest one it read (clocks differ).
  const since = row.evaluated_at;
  const newest = row.watermark.newestContact ?? null;
  const [changes] = rowsOf<{ contacts: boolean; messenger: boolean }>(
    await deps.db.execute(sql`
      select
        exists (select 1 from contacts c where c.account_id = ${row.account_id}::uuid and c.updated_at > greatest(${since}::timestamptz, ${newest}::timestamp at time zone 'UTC')
            and exists (select 1 from list_members m where m.list_id = ${row.list_id}::uuid and m.contact_id = c.id))
          as contacts,
        exists (select 1 from messenger_contacts mc where mc.profile_id in (select unnest(${`{${profileIds.join(",")}}`}::uuid[]))
          and (mc.opted_in_at > ${since}::timestamptz or mc.last_inbound_at > ${since}::timestamptz
            or mc.blocked_at > ${since}::timestamptz or mc.extra_used_at > ${since}::timestamptz)) as messenger`),
  );
  const members =
    now.members !== row.watermark.members || now.lastAdded !== row.watermark.lastAdded;
  if (members || changes?.contacts) {
    reasons.push("Contacts of the Start list changed.");
  }
  if (changes?.messenger) reasons.push("Contacts' Messenger opt-ins or conversations changed.");
  return reasons;
}
