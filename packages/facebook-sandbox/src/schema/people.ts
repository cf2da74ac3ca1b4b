import { bigint, boolean, index, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sandboxPages } from "./accounts";
import { fbSandbox } from "./fb-sandbox-schema";

/** Messenger users who can opt in to Pages, write to them and read what they were sent. */
export const sandboxPeople = fbSandbox.table("people", {
  id: text("id").primaryKey(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person's conversation with one Page: the page-scoped id (PSID) and the facts the
 * Send API's window rules depend on.
 */
export const sandboxThreads = fbSandbox.table(
  "threads",
  {
    psid: text("psid").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => sandboxPages.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => sandboxPeople.id, { onDelete: "cascade" }),
    optedInAt: timestamp("opted_in_at", { withTimezone: true }),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    plusOneUsed: boolean("plus_one_used").notNull().default(false),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    readWatermark: bigint("read_watermark", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("threads_page_person_key").on(t.pageId, t.personId)],
);

/** Every opt-in: Send to Messenger (with `ref`) or checkbox plugin (with `user_ref`). */
export const sandboxOptIns = fbSandbox.table(
  "opt_ins",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => sandboxPages.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => sandboxPeople.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    ref: text("ref"),
    userRef: text("user_ref"),
    userRefSentAt: timestamp("user_ref_sent_at", { withTimezone: true }),
    userRefRepliedAt: timestamp("user_ref_replied_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("opt_ins_person_page_idx").on(t.personId, t.pageId),
    uniqueIndex("opt_ins_user_ref_key").on(t.pageId, t.userRef),
  ],
);
