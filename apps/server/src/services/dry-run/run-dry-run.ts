import { type Database, rowsOf } from "@waymark/db";
import {
  type ContactSnapshot,
  DryRunTally,
  dryRunContact,
  type FieldDefinition,
  type FieldType,
  type FieldValue,
  type MessengerContactState,
  type ProfileSummary,
  type ProgramDocument,
} from "@waymark/domain";
import { pgArray } from "@waymark/engine";
import { type SQL, sql } from "drizzle-orm";

/** Contacts read and judged per batch: one keyset read, one read of Messenger state per profile. */
export const DRY_RUN_BATCH_SIZE = 10_000;

export interface DryRunJob {
  id: string;
  accountId: string;
  listId: string;
  program: ProgramDocument;
  startNodeId: string;
  now: Date;
}

/** How a run goes; tests use small batches and a hook between them. */
export interface DryRunOptions {
  batchSize?: number;
  /** Called after each batch is saved, with how many contacts are done. */
  afterBatch?: (done: number) => Promise<void>;
}

interface ContactRow {
  id: string;
  values: Record<string, FieldValue>;
  /** `updated_at` in UTC as PostgreSQL prints it, so text order is time order. */
  updated: string;
}

interface Batch {
  contacts: ContactRow[];
  states: Map<string, Record<string, MessengerContactState>>;
}

interface StateRow {
  contact_id: string;
  psid: string;
  opted_in_at: string | null;
  last_inbound_at: string | null;
  extra_used_at: string | null;
  blocked_at: string | null;
}

/**
 * Runs a dry run to its end (or its cancel): the Start list walked by contact id in batches,
 * each batch read set-based (members with their values; each profile's Messenger state as one
 * range of its key), judged in memory with the domain's `dryRunContact`; its progress, counts
 * so far and the contacts behind each reason are written while the next batch is judged.
 */
export async function runDryRun(
  db: Database,
  job: DryRunJob,
  options: DryRunOptions = {},
): Promise<"done" | "cancelled"> {
  const batchSize = options.batchSize ?? DRY_RUN_BATCH_SIZE;
  const { fields, profiles, disconnected } = await loadAccount(db, job.accountId);
  const profileIds = profilesRead(job.program);
  const tally = new DryRunTally();
  const read = async (after: string | null): Promise<Batch> => {
    // Both sides start at the cursor: a merge join would otherwise walk contacts from the first.
    const from: SQL =
      after === null ? sql`` : sql`and m.contact_id > ${after}::uuid and c.id > ${after}::uuid`;
    const contacts = rowsOf<ContactRow>(
      await db.execute(sql`
        select c.id, c.values, (c.updated_at at time zone 'UTC')::text as updated
        from list_members m join contacts c on c.id = m.contact_id
        where m.list_id = ${job.listId}::uuid ${from}
        order by m.contact_id limit ${batchSize}`),
    );
    const last = contacts.at(-1)?.id;
    const states = last ? await loadStates(db, profileIds, after, last) : new Map();
    return { contacts, states };
  };
  let newest = "";
  let done = 0;
  let saving: { done: number; cancelled: Promise<boolean> } | null = null;
  /** Waits for the previous batch's save; true when the run was cancelled meanwhile. */
  const saved = async () => {
    if (!saving) return false;
    if (await saving.cancelled) return true;
    done = saving.done;
    saving = null;
    await options.afterBatch?.(done);
    return false;
  };
  // The next batch is read, and the previous one saved, while this one is judged.
  let next = read(null);
  for (let chunk = 1; ; chunk++) {
    const { contacts, states } = await next;
    if (contacts.length === 0) break;
    const full = contacts.length === batchSize;
    if (full) next = read(contacts.at(-1)!.id);
    for (const contact of contacts) {
      if (contact.updated > newest) newest = contact.updated;
      const path = dryRunContact({
        program: job.program,
        startNodeId: job.startNodeId,
        contact: { values: contact.values, messenger: states.get(contact.id) ?? NO_STATE },
        fields,
        profiles,
        disconnectedProfiles: disconnected,
        now: job.now,
      });
      tally.add(contact.id, path);
    }
    if (await saved()) {
      if (full) await next.catch(() => {});
      return "cancelled";
    }
    saving = {
      done: done + contacts.length,
      cancelled: saveBatch(db, job.id, chunk, contacts.length, tally),
    };
    if (!full) break;
  }
  if (await saved()) return "cancelled";
  await db.execute(sql`
    update dry_runs set status = 'done', finished_at = now(), heartbeat_at = now(),
      summary = ${JSON.stringify(tally.summary())}::jsonb,
      watermark = watermark || jsonb_build_object('newestContact', ${newest || null}::text)
    where id = ${job.id}::uuid and status = 'running'`);
  return "done";
}

const NO_STATE: ContactSnapshot["messenger"] = {};

/** Writes one batch's contact lists and progress; true when the run was cancelled meanwhile. */
async function saveBatch(
  db: Database,
  id: string,
  chunk: number,
  count: number,
  tally: DryRunTally,
): Promise<boolean> {
  const lists = [...tally.drain()];
  return db.transaction(async (tx) => {
    // Progress first: a run cancelled meanwhile writes nothing more of this batch.
    const [row] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update dry_runs set done = done + ${count}, heartbeat_at = now(),
          summary = ${JSON.stringify(tally.summary())}::jsonb
        where id = ${id}::uuid and status = 'running' and cancel_requested is null
        returning id`),
    );
    if (!row) return true;
    if (lists.length > 0) {
      const rows = lists.map(
        ([reasonId, ids]) =>
          sql`(${id}::uuid, ${reasonId}, ${chunk}, ${ids.at(-1)}::uuid, ${pgArray(ids)}::uuid[])`,
      );
      await tx.execute(sql`
        insert into dry_run_contacts (dry_run_id, reason_id, chunk, last_contact_id, contact_ids)
        values ${sql.join(rows, sql`, `)}`);
    }
    return false;
  });
}

/** Each profile's Messenger state for the contacts of one batch: one range of its key each. */
async function loadStates(
  db: Database,
  profileIds: readonly string[],
  after: string | null,
  last: string,
): Promise<Map<string, Record<string, MessengerContactState>>> {
  const byContact = new Map<string, Record<string, MessengerContactState>>();
  const date = (v: string | null) => (v === null ? null : new Date(v));
  for (const profileId of profileIds) {
    const from = after === null ? sql`` : sql`and contact_id > ${after}::uuid`;
    const rows = rowsOf<StateRow>(
      await db.execute(sql`
        select contact_id, psid, opted_in_at, last_inbound_at, extra_used_at, blocked_at
        from messenger_contacts
        where profile_id = ${profileId}::uuid ${from} and contact_id <= ${last}::uuid`),
    );
    for (const s of rows) {
      let states = byContact.get(s.contact_id);
      if (!states) {
        states = {};
        byContact.set(s.contact_id, states);
      }
      states[profileId] = {
        psid: s.psid,
        optedInAt: date(s.opted_in_at),
        lastInboundAt: date(s.last_inbound_at),
        extraUsedAt: date(s.extra_used_at),
        blockedAt: date(s.blocked_at),
      };
    }
  }
  return byContact;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The profiles whose Messenger state the program's nodes read (Messenger nodes, opt-in rules). */
export function profilesRead(program: ProgramDocument): string[] {
  const ids = new Set<string>();
  for (const node of program.nodes) {
    if (node.type === "messenger" && node.data.profileId) ids.add(node.data.profileId);
    if (
      node.type === "decision" &&
      node.data.rule.kind === "opted_in" &&
      node.data.rule.profileId
    ) {
      ids.add(node.data.rule.profileId);
    }
  }
  return [...ids].filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
}

/** The account's fields and profiles as the engine reads them (load-batch-context.ts). */
async function loadAccount(db: Database, accountId: string) {
  const [fieldRows, profileRows] = await Promise.all([
    db.execute(sql`
      select name, type, default_value from data_fields where account_id = ${accountId}::uuid order by name`),
    db.execute(sql`
      select id, name, status, policy_version, connection from messenger_profiles
      where account_id = ${accountId}::uuid order by id`),
  ]);
  const fields: FieldDefinition[] = rowsOf<{
    name: string;
    type: FieldType;
    default_value: FieldValue | null;
  }>(fieldRows).map((f) => ({ name: f.name, type: f.type, defaultValue: f.default_value }));
  const rows = rowsOf<{
    id: string;
    name: string;
    status: string;
    policy_version: "2018" | "2020";
    connection: string;
  }>(profileRows);
  const profiles: ProfileSummary[] = rows.map((p) => ({
    id: p.id,
    name: p.name,
    enabled: p.status === "enabled",
    policy: p.policy_version,
  }));
  const disconnected = new Set(rows.filter((p) => p.connection !== "ok").map((p) => p.id));
  return { fields, profiles, disconnected };
}
