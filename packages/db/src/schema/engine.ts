import { MESSAGE_STATUSES } from "@waymark/domain";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ownedByAccount } from "./accounts";
import { contacts } from "./contacts";
import { messengerProfiles } from "./messenger";
import { programs } from "./programs";

/** Where each contact is in each program (DESIGN §1); one active row per program and contact. */
export const enrolments = pgTable(
  "enrolments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: ownedByAccount(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    programVersion: integer("program_version").notNull(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    /** Set while waiting at a Wait node: where the contact goes when `dueAt` comes. */
    nextNodeId: text("next_node_id"),
    visit: integer("visit").notNull().default(0),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    state: text("state", { enum: ["active", "done", "removed"] })
      .notNull()
      .default("active"),
    /**
     * Set while the program is deactivated: the enrolment stays where it is (still `active`),
     * out of the due index, so a parked program's backlog is never walked by a claim.
     */
    parked: boolean("parked").notNull().default(false),
    outcome: text("outcome"),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enrolments_active_key")
      .on(t.programId, t.contactId)
      .where(sql`${t.state} = 'active'`),
    index("enrolments_due_idx")
      .on(t.dueAt, t.id)
      .where(sql`${t.state} = 'active' and not ${t.parked}`),
    // Whole (not partial), so it also serves the program's delete cascade; (program, state,
    // node) keeps "now at node" an index range. A finished move writes one entry more here.
    index("enrolments_program_state_node_idx").on(t.programId, t.state, t.nodeId),
    // Serves the contact's history, the contact's cascade and the Start list's "entered
    // before" check (a contact has few enrolments); no (program, contact) index besides the
    // partial unique one, so a finished contact's update writes two index entries, not three.
    index("enrolments_contact_idx").on(t.contactId),
  ],
);

/**
 * The node-visit log, one row per engine turn of an enrolment: the nodes it passed through in
 * that turn, in order (node `i` is visit `visit + i`), with each node's outcome. A turn is one
 * row, not one row per node, because this log is most of what the engine writes. Feeds the
 * contact's program history (by enrolment) and the "passed through" lists (by program and
 * time, filtered on `node_ids`). Rows go with their enrolment: a statement trigger deletes
 * them (migration 0002) instead of a per-row foreign-key check.
 */
export const enrolmentHistory = pgTable(
  "enrolment_history",
  {
    enrolmentId: bigint("enrolment_id", { mode: "number" }).notNull(),
    /** The visit number of `node_ids[1]`. */
    visit: integer("visit").notNull(),
    programId: uuid("program_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    nodeIds: text("node_ids").array().notNull(),
    /** Parallel to `node_ids`; null when no node of the turn had an outcome. */
    outcomes: text("outcomes").array(),
  },
  (t) => [
    primaryKey({ columns: [t.enrolmentId, t.visit] }),
    index("enrolment_history_program_at_idx").on(t.programId, t.at, t.enrolmentId),
  ],
);

/** How many contacts ever passed through each node, maintained per batch. */
export const programNodeCounts = pgTable(
  "program_node_counts",
  {
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    passed: bigint("passed", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.nodeId] })],
);

// The statuses and what may follow what are the domain's (packages/domain message-lifecycle).
export { MESSAGE_STATUSES, type MessageStatus } from "@waymark/domain";

/**
 * The Messenger outbox (DESIGN §3): one row per node visit, whether sent or not. `id` travels
 * to Facebook as `metadata`, so an echo can settle an unknown outcome. `day` is the account's
 * local date of the visit: the statistics row a warning, an error or an unknown outcome counts
 * in. Sent, delivered and read count on the local day they happened (`sent_day`,
 * `delivered_day`, `read_day`), kept as they were when the account's time zone changes.
 */
export const messengerMessages = pgTable(
  "messenger_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => messengerProfiles.id, { onDelete: "cascade" }),
    programId: uuid("program_id").references(() => programs.id, { onDelete: "set null" }),
    nodeId: text("node_id").notNull(),
    enrolmentId: bigint("enrolment_id", { mode: "number" }).notNull(),
    visit: integer("visit").notNull(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    psid: text("psid"),
    messagingType: text("messaging_type"),
    tag: text("tag"),
    text: text("text"),
    usesExtra: integer("uses_extra").notNull().default(0),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    reason: text("reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /**
     * When the Send API call carrying it began: null while claimed but not yet called, kept
     * while its outcome is unknown (reconciliation compares Facebook's times with it).
     */
    callStartedAt: timestamp("call_started_at", { withTimezone: true }),
    fbMessageId: text("fb_message_id"),
    errorCode: integer("error_code"),
    errorSubcode: integer("error_subcode"),
    errorMessage: text("error_message"),
    day: date("day", { mode: "string" }).notNull(),
    /** The account's local date of `sent_at`: the day the message counts as sent. */
    sentDay: date("sent_day", { mode: "string" }),
    /** The account's local date of `delivered_at`: the day it counts as delivered. */
    deliveredDay: date("delivered_day", { mode: "string" }),
    /** The account's local date of `read_at`: the day it counts as read. */
    readDay: date("read_day", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** When a lost outcome was settled from Facebook's conversation with the person. */
    reconciledAt: timestamp("reconciled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("messenger_messages_visit_key").on(t.enrolmentId, t.nodeId, t.visit),
    // Per profile: the sender walks each sendable profile's queue in order, never past the
    // backlog of a paused or disconnected one.
    index("messenger_messages_queue_idx")
      .on(t.profileId, t.nextAttemptAt, t.id)
      .where(sql`${t.status} = 'queued'`),
    index("messenger_messages_lease_idx").on(t.leaseUntil).where(sql`${t.status} = 'in_flight'`),
    // Whole, so a program's delete (which unlinks its messages) and drill-downs by program
    // find them, and by status, so holding and releasing a deactivated program's are ranges.
    index("messenger_messages_program_status_idx").on(t.programId, t.status),
    // Receipts probe by person among the messages they can still move (deliveries: sent, unknown;
    // reads: also delivered); read ones leave, so a probe skips a person's history. No index has
    // `fb_message_id`, so an echo stamping it on the in-flight row is a HOT update.
    index("messenger_messages_undelivered_idx")
      .on(t.profileId, t.psid, t.sentAt)
      .where(sql`${t.status} in ('sent', 'unknown')`),
    index("messenger_messages_unread_idx")
      .on(t.profileId, t.psid, t.sentAt)
      .where(sql`${t.status} = 'delivered'`),
    index("messenger_messages_sent_list_idx")
      .on(t.profileId, t.sentDay, t.createdAt, t.id)
      .where(sql`${t.status} in ('sent', 'delivered', 'read')`),
    index("messenger_messages_delivered_list_idx")
      .on(t.profileId, t.deliveredDay, t.createdAt, t.id)
      .where(sql`${t.status} in ('delivered', 'read')`),
    index("messenger_messages_warning_list_idx")
      .on(t.profileId, t.day, t.createdAt, t.id)
      .where(sql`${t.status} = 'not_sent'`),
    index("messenger_messages_error_list_idx")
      .on(t.profileId, t.day, t.createdAt, t.id)
      .where(sql`${t.status} in ('failed', 'unknown')`),
    index("messenger_messages_contact_idx").on(t.contactId, t.createdAt),
    // Outcomes to reconcile from Facebook's conversations, in the order they are due.
    index("messenger_messages_unknown_idx")
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.status} = 'unknown'`),
    // The profile page's count of outcomes reconciled lately.
    index("messenger_messages_reconciled_idx")
      .on(t.profileId, t.reconciledAt)
      .where(sql`${t.reconciledAt} is not null`),
  ],
);

/** Pre-aggregated counts per profile and local day (DESIGN §7), changed with every status move. */
export const messengerDailyStats = pgTable(
  "messenger_daily_stats",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => messengerProfiles.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    sent: integer("sent").notNull().default(0),
    delivered: integer("delivered").notNull().default(0),
    read: integer("read").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    notSent: integer("not_sent").notNull().default(0),
    unknown: integer("unknown").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.day] })],
);

/** Why messages were not sent, counted per profile, local day and reason. */
export const messengerDailyReasons = pgTable(
  "messenger_daily_reasons",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => messengerProfiles.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind", { enum: ["warning", "failed", "unknown"] }).notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.day, t.kind, t.reason] })],
);
