import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { ownedByAccount, users } from "./accounts";
import { lists } from "./contacts";
import { programs } from "./programs";

/**
 * A dry run of one program version over its Start list (issue 16.1): progress while it runs,
 * then what it found (`summary`: per-node counts, skip reasons). `watermark` is what the
 * contacts and profiles looked like when it started, so a later read can say it is stale.
 */
export const dryRuns = pgTable(
  "dry_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    programVersion: integer("program_version").notNull(),
    listId: uuid("list_id").references(() => lists.id, { onDelete: "set null" }),
    status: text("status", { enum: ["running", "done", "cancelled", "failed"] }).notNull(),
    /** Set by a cancel; the runner stops at its next batch. */
    cancelRequested: timestamp("cancel_requested", { withTimezone: true }),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    summary: jsonb("summary").$type<unknown>(),
    watermark: jsonb("watermark").$type<unknown>().notNull(),
    error: text("error"),
    /** "Now" of the run: the send window and Decisions are judged at this time. */
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull(),
    /** Touched by each batch; a running row not touched for a while lost its process. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
  },
  (t) => [
    index("dry_runs_program_idx").on(t.programId, t.createdAt),
    index("dry_runs_account_idx").on(t.accountId),
  ],
);

/**
 * The contacts behind one reason of a dry run, one row per batch: ids ascending within a row
 * and across a reason's rows (`chunk` order), so a page is a keyset walk over few rows.
 */
export const dryRunContacts = pgTable(
  "dry_run_contacts",
  {
    dryRunId: uuid("dry_run_id")
      .notNull()
      .references(() => dryRuns.id, { onDelete: "cascade" }),
    reasonId: integer("reason_id").notNull(),
    chunk: integer("chunk").notNull(),
    lastContactId: uuid("last_contact_id").notNull(),
    contactIds: uuid("contact_ids").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.dryRunId, t.reasonId, t.chunk] })],
);
