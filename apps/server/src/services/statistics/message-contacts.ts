import { type Queryable, rowsOf } from "@waymark/db";
import {
  contactLabel,
  contactName,
  explainNotSentReason,
  type MessageStatus,
  reasonKindOf,
} from "@waymark/domain";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor, ServiceDeps } from "../context";
import { encodeCursor, pgTimestamptzText } from "../page-cursor";
import { loadNodeNames } from "../programs/node-names";
import { profileContext } from "./profile-context";
import { type DayRange, isCalendarDate, resolveRange } from "./stats-range";

/** The columns of the drill-down whose numbers open a contact list. */
export const CONTACT_LIST_KINDS = ["sent", "delivered", "warnings", "errors"] as const;
export type ContactListKind = (typeof CONTACT_LIST_KINDS)[number];

/**
 * The statuses behind each column, written exactly as the predicates of the partial indexes
 * `messenger_messages_{sent,delivered,warning,error}_list_idx` (profile_id, its day, created_at, id),
 * and as literals (never parameters) so the planner can match them to the index.
 */
const STATUSES: Record<ContactListKind, SQL> = {
  sent: sql.raw(`m.status in ('sent', 'delivered', 'read')`),
  delivered: sql.raw(`m.status in ('delivered', 'read')`),
  warnings: sql.raw(`m.status = 'not_sent'`),
  errors: sql.raw(`m.status in ('failed', 'unknown')`),
};

/** The day each column counts a message on: when it was sent, delivered, or visited. */
const DAYS: Record<ContactListKind, SQL> = {
  sent: sql.raw("m.sent_day"),
  delivered: sql.raw("m.delivered_day"),
  warnings: sql.raw("m.day"),
  errors: sql.raw("m.day"),
};

export interface ContactListQuery extends DayRange {
  kind: ContactListKind;
  order: "newest" | "oldest";
  /** The last row of the previous page: [day, created_at as PostgreSQL prints it, id]. */
  after?: [string, string, string];
  limit: number;
}

export interface MessageContactRow {
  messageId: string;
  contactId: string;
  email: string | null;
  name: string;
  /** When the contact reached the Messenger node (the message's time). */
  at: string;
  /** The account's local date the message counts on in this list (sent, delivered, visited). */
  date: string;
  sentAt: string | null;
  deliveredAt: string | null;
  programId: string | null;
  programName: string | null;
  nodeId: string;
  /** The node's name (its id only in the public API). */
  nodeName: string;
  status: string;
  /** Why it was not sent, in plain words; `reasonDetail` is Facebook's recorded code and message. */
  reason: string | null;
  reasonDetail: string | null;
}

interface Row {
  id: string;
  day: string;
  sort_at: string;
  created_at: string | Date;
  sent_at: string | Date | null;
  delivered_at: string | Date | null;
  status: string;
  reason: string | null;
  node_id: string;
  program_id: string | null;
  contact_id: string;
  email: string | null;
  values: Record<string, unknown>;
  program_name: string | null;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** A recorded reason as the statistics show it (Facebook's errors explained). */
function explained(status: string, reason: string | null) {
  const kind = reasonKindOf(status as MessageStatus);
  if (reason === null || kind === null) return { reason, reasonDetail: null };
  const { reason: plain, detail } = explainNotSentReason(kind, reason);
  return { reason: plain, reasonDetail: detail };
}

/**
 * One page of the messages behind a number, keyset-paginated on (day, created_at, id): an
 * index range scan of the kind's partial index, however deep the page (the inner query reads
 * `limit + 1` index entries after the cursor, then joins contact and program by key).
 */
export function contactPageSql(accountId: string, profileId: string, q: ContactListQuery): SQL {
  const newest = q.order === "newest";
  const dir = sql.raw(newest ? "desc" : "asc");
  const day = DAYS[q.kind];
  const after = q.after
    ? sql`and (${day}, m.created_at, m.id) ${sql.raw(newest ? "<" : ">")} (${q.after[0]}::date, ${q.after[1]}::timestamptz, ${q.after[2]}::uuid)`
    : sql``;
  return sql`
    select m.id, m.list_day::text as day, m.created_at::text as sort_at, m.created_at, m.sent_at,
      m.delivered_at, m.status, m.reason, m.node_id, m.program_id, m.contact_id,
      c.email, c.values, p.name as program_name
    from (
      select m.*, ${day} as list_day from messenger_messages m
      where m.profile_id = ${profileId}::uuid and ${day} between ${q.from}::date and ${q.to}::date
        and ${STATUSES[q.kind]} ${after}
      order by ${day} ${dir}, m.created_at ${dir}, m.id ${dir}
      limit ${q.limit + 1}
    ) m
    join contacts c on c.id = m.contact_id
    left join programs p on p.id = m.program_id
    where m.account_id = ${accountId}::uuid
    order by m.list_day ${dir}, m.created_at ${dir}, m.id ${dir}`;
}

/** Reads one page; `nextCursor` is null on the last one. */
export async function readContactPage(
  db: Queryable,
  accountId: string,
  profileId: string,
  q: ContactListQuery,
) {
  const rows = rowsOf<Row>(await db.execute(contactPageSql(accountId, profileId, q)));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nameOf = await loadNodeNames(
    db,
    accountId,
    page.flatMap((r) => (r.program_id === null ? [] : [r.program_id])),
  );
  return {
    contacts: page.map(
      (r): MessageContactRow => ({
        messageId: r.id,
        contactId: r.contact_id,
        email: r.email,
        // A Messenger subscriber not named yet by Facebook is shown by its PSID.
        name:
          r.email === null
            ? contactLabel({ email: null, values: r.values ?? {} }).text
            : contactName(r.values ?? {}),
        at: iso(r.created_at)!,
        date: r.day,
        sentAt: iso(r.sent_at),
        deliveredAt: iso(r.delivered_at),
        programId: r.program_id,
        programName: r.program_name,
        nodeId: r.node_id,
        nodeName: nameOf(r.program_id, r.node_id) ?? r.node_id,
        status: r.status,
        ...explained(r.status, r.reason),
      }),
    ),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.day, last.sort_at, last.id]) : null,
    after: rows.length > q.limit && last ? ([last.day, last.sort_at, last.id] as const) : null,
  };
}

/** Where a page ends: the last row's day, created_at (as PostgreSQL prints it) and id. */
export const messageContactCursor = z.tuple([
  z.string().refine(isCalendarDate),
  pgTimestamptzText,
  z.uuid(),
]);

export interface ContactListInput {
  kind: ContactListKind;
  from?: string;
  to?: string;
  days?: number;
  order?: "newest" | "oldest";
  cursor?: z.output<typeof messageContactCursor>;
  limit?: number;
}

/**
 * The contacts behind a number of the drill-down (SPEC §8): messages sent, delivered, not
 * sent by the node (warnings) or refused or unanswered by Facebook (errors) over a date range, newest or oldest first, with email, name, time, program and node,
 * status and reason. 404 for another account's profile.
 */
export async function listMessageContacts(
  deps: ServiceDeps,
  actor: Actor,
  profileId: string,
  input: ContactListInput,
) {
  const profile = await profileContext(deps, actor, profileId);
  const range = resolveRange(input, profile.today);
  const page = await readContactPage(deps.db, actor.accountId, profileId, {
    ...range,
    kind: input.kind,
    order: input.order ?? "newest",
    after: input.cursor,
    limit: input.limit ?? 50,
  });
  return {
    profileId,
    profileName: profile.profileName,
    timeZone: profile.timeZone,
    kind: input.kind,
    ...range,
    contacts: page.contacts,
    nextCursor: page.nextCursor,
  };
}
