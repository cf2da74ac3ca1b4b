import { text, timestamp } from "drizzle-orm/pg-core";
import { sandboxPages, sandboxUsers } from "./accounts";
import { fbSandbox } from "./fb-sandbox-schema";

/** User and Page access tokens issued to the app. */
export const sandboxAccessTokens = fbSandbox.table("access_tokens", {
  token: text("token").primaryKey(),
  kind: text("kind").notNull(),
  userId: text("user_id")
    .notNull()
    .references(() => sandboxUsers.id, { onDelete: "cascade" }),
  pageId: text("page_id").references(() => sandboxPages.id, { onDelete: "cascade" }),
  scopes: text("scopes").array().notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Login dialog codes: single use, short-lived, bound to the redirect URI. */
export const sandboxOauthCodes = fbSandbox.table("oauth_codes", {
  code: text("code").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => sandboxUsers.id, { onDelete: "cascade" }),
  redirectUri: text("redirect_uri").notNull(),
  scopes: text("scopes").array().notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});
