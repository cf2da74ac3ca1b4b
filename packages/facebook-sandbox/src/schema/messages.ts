import { bigserial, index, jsonb, text, timestamp } from "drizzle-orm/pg-core";
import { fbSandbox } from "./fb-sandbox-schema";

/** Messages the Send API accepted, written in batches. */
export const sandboxSentMessages = fbSandbox.table(
  "sent_messages",
  {
    /** Write order: the key, and "newest first" for listings. */
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    mid: text("mid").notNull(),
    pageId: text("page_id").notNull(),
    personId: text("person_id").notNull(),
    psid: text("psid"),
    userRef: text("user_ref"),
    messagingType: text("messaging_type"),
    tag: text("tag"),
    text: text("text"),
    attachment: jsonb("attachment"),
    metadata: text("metadata"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  // One index only: every extra index costs the batched writer on the hot send path.
  (t) => [index("sent_messages_person_page_idx").on(t.personId, t.pageId, t.seq)],
);

/** Messages sandbox people wrote to Pages. */
export const sandboxInboundMessages = fbSandbox.table(
  "inbound_messages",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    mid: text("mid").notNull(),
    pageId: text("page_id").notNull(),
    personId: text("person_id").notNull(),
    psid: text("psid").notNull(),
    text: text("text").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("inbound_messages_person_page_idx").on(t.personId, t.pageId, t.seq)],
);
