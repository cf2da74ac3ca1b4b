import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ownedByAccount, users } from "./accounts";

/** A stored field value: text and dates as strings (dates `YYYY-MM-DD`), numbers, Yes/No as booleans. */
export type StoredFieldValue = string | number | boolean;

/** Contact data fields of an account (SPEC §3); `system` fields (FBOPTIN_XXX) are read-only. */
export const dataFields = pgTable(
  "data_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    name: text("name").notNull(),
    type: text("type", { enum: ["text", "number", "date", "boolean"] }).notNull(),
    defaultValue: jsonb("default_value").$type<StoredFieldValue | null>(),
    system: boolean("system").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("data_fields_account_name_key").on(t.accountId, t.name)],
);

/**
 * Contacts; `email` is stored lower-cased (unique per account when present; a Messenger
 * subscriber from an opt-in without a known contact has none) and `values` maps field names
 * to stored values, so a whole contact loads and upserts as one row. The table's pages are half
 * empty (fillfactor 50, set in migration 0002): changed values stay on their page, an update
 * that touches none of the indexes.
 */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    email: text("email"),
    values: jsonb("values")
      .$type<Record<string, StoredFieldValue>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One index for both uniqueness and email-prefix search (`like 'ann%'`): text_pattern_ops
    // compares with the same equality, so `on conflict (account_id, email)` still finds it,
    // and an import writes one email index entry per contact instead of two.
    uniqueIndex("contacts_account_email_key").on(t.accountId, t.email.op("text_pattern_ops")),
    index("contacts_account_created_idx").on(t.accountId, t.createdAt, t.id),
    // The contacts page's "Messenger subscribers without email": only those rows, newest first.
    index("contacts_account_no_email_idx")
      .on(t.accountId, t.createdAt, t.id)
      .where(sql`${t.email} is null`),
  ],
);

/** Lists (address books) group contacts. */
export const lists = pgTable(
  "lists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("lists_account_name_key").on(t.accountId, sql`lower(${t.name})`)],
);

/** Membership of contacts in lists. */
export const listMembers = pgTable(
  "list_members",
  {
    listId: uuid("list_id")
      .notNull()
      .references(() => lists.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    accountId: ownedByAccount(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.contactId] }),
    index("list_members_contact_idx").on(t.contactId),
    index("list_members_list_added_idx").on(t.listId, t.addedAt, t.contactId),
  ],
);

/** A row the import rejected (`invalid`) or that a later row with the same email replaced (`duplicate`). */
export interface ImportRowError {
  line: number;
  kind: "invalid" | "duplicate";
  email?: string;
  reason: string;
}

/** A CSV import into a list, with live progress and its final report. */
export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: ownedByAccount(),
    listId: uuid("list_id").references(() => lists.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    /** CSV header name → "EMAIL", a data field name, or null (ignored). */
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull(),
    /** How the file's bytes are text: UTF-8, or Windows-1252 (Excel's "CSV" on Western Windows). */
    encoding: text("encoding", { enum: ["utf-8", "windows-1252"] })
      .notNull()
      .default("utf-8"),
    status: text("status", { enum: ["waiting", "running", "done", "failed"] })
      .notNull()
      .default("waiting"),
    totalBytes: integer("total_bytes").notNull().default(0),
    processedBytes: integer("processed_bytes").notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    invalid: integer("invalid").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    errors: jsonb("errors").$type<ImportRowError[]>().notNull().default(sql`'[]'::jsonb`),
    failure: text("failure"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("contact_imports_account_idx").on(t.accountId, t.createdAt)],
);

/**
 * Contacts merged into another (issue 18): the source row is deleted, this row remembers where
 * it went, so merging it again is a no-op answer and a read of its id can point to the target.
 * A later merge of the target moves these pointers on; they go with the target's delete.
 */
export const contactMerges = pgTable(
  "contact_merges",
  {
    sourceId: uuid("source_id").primaryKey(),
    accountId: ownedByAccount(),
    targetId: uuid("target_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: ["opt-in", "import", "manual"] }).notNull(),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contact_merges_target_idx").on(t.targetId),
    index("contact_merges_account_at_idx").on(t.accountId, t.mergedAt),
  ],
);
