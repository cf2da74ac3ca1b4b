import { sql } from "drizzle-orm";
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

/**
 * Programs (SPEC §5). The document is the graph as the builder saves it; `version` guards saves
 * (optimistic concurrency). The denormalised columns answer "is this list / field / profile used
 * by a program?" without reading documents.
 */
export const programs = pgTable(
  "programs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    name: text("name").notNull(),
    status: text("status", { enum: ["draft", "active", "deactivated"] })
      .notNull()
      .default("draft"),
    document: jsonb("document").$type<unknown>().notNull(),
    version: integer("version").notNull().default(1),
    startListId: uuid("start_list_id").references(() => lists.id, { onDelete: "set null" }),
    fieldNames: text("field_names").array().notNull().default(sql`'{}'::text[]`),
    profileIds: uuid("profile_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Enrolment of the Start list on activation: how far it got (for the progress bar). */
    enrolmentTotal: integer("enrolment_total").notNull().default(0),
    enrolmentDone: integer("enrolment_done").notNull().default(0),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    /** First enrolment pass over the Start list: the last contact id done (keyset). */
    listCursor: uuid("list_cursor"),
    /** When the Start list was last fully enrolled; later members are picked up from here. */
    listSyncedAt: timestamp("list_synced_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
  },
  (t) => [
    index("programs_account_updated_idx").on(t.accountId, t.updatedAt),
    index("programs_start_list_idx").on(t.startListId),
    index("programs_field_names_idx").using("gin", t.fieldNames),
    index("programs_profile_ids_idx").using("gin", t.profileIds),
  ],
);

/**
 * Immutable snapshots of a program's document, one per activated version; contacts pin the
 * version they entered with, so editing a deactivated program never changes a contact mid-way.
 */
export const programVersions = pgTable(
  "program_versions",
  {
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    accountId: ownedByAccount(),
    document: jsonb("document").$type<unknown>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.version] })],
);
