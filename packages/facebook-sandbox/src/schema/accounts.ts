import { boolean, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { fbSandbox } from "./fb-sandbox-schema";

/** Facebook accounts that can log in through the sandbox Login dialog. */
export const sandboxUsers = fbSandbox.table("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Facebook Pages, with the Messenger policy they run under. */
export const sandboxPages = fbSandbox.table("pages", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  policyVersion: text("policy_version").notNull().default("2018"),
  approvedForNonPromotionalSubscription: boolean("approved_non_promotional_subscription")
    .notNull()
    .default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The tasks a user can perform on a Page (their role, in Graph's words). */
export const sandboxPageRoles = fbSandbox.table(
  "page_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => sandboxUsers.id, { onDelete: "cascade" }),
    pageId: text("page_id")
      .notNull()
      .references(() => sandboxPages.id, { onDelete: "cascade" }),
    tasks: text("tasks").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.pageId] })],
);

/** The app's webhook subscription on a Page (`/{page-id}/subscribed_apps`). */
export const sandboxSubscriptions = fbSandbox.table("subscriptions", {
  pageId: text("page_id")
    .primaryKey()
    .references(() => sandboxPages.id, { onDelete: "cascade" }),
  fields: text("fields").array().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Key-value markers, such as whether the seed ran. */
export const sandboxSettings = fbSandbox.table("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
