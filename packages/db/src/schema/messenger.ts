import { sql } from "drizzle-orm";
import {
  bigint,
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
import { ownedByAccount } from "./accounts";
import { contacts } from "./contacts";

/**
 * Messenger profiles (SPEC §4): one Facebook Page each, unique across all accounts. The page
 * token is stored encrypted (`pageTokenEnc`, AES-256-GCM with the row id as associated data).
 */
export const messengerProfiles = pgTable(
  "messenger_profiles",
  {
    id: uuid("id").primaryKey(),
    accountId: ownedByAccount(),
    name: text("name").notNull(),
    pageId: text("page_id").notNull(),
    pageName: text("page_name").notNull(),
    status: text("status", { enum: ["enabled", "disabled"] }).notNull(),
    policyVersion: text("policy_version", { enum: ["2018", "2020"] }).notNull(),
    optInCode: text("opt_in_code").notNull(),
    optInFieldName: text("opt_in_field_name").notNull(),
    pageTokenEnc: text("page_token_enc").notNull(),
    connection: text("connection", { enum: ["ok", "lost"] })
      .notNull()
      .default("ok"),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** This page's Send API pace; null uses the server's SEND_RATE_PER_SECOND. */
    sendRatePerSecond: integer("send_rate_per_second"),
    /**
     * The sender process that sends this page's messages, until `senderUntil` unless it claims
     * again: pacing happens in a process, so two workers never send for one page at once.
     */
    senderId: text("sender_id"),
    senderUntil: timestamp("sender_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messenger_profiles_page_key").on(t.pageId),
    uniqueIndex("messenger_profiles_account_name_key").on(t.accountId, sql`lower(${t.name})`),
    uniqueIndex("messenger_profiles_account_code_key").on(t.accountId, t.optInCode),
  ],
);

/**
 * A contact's Messenger state for one profile (DESIGN §4): the page-scoped id and the times
 * that open the 24-hour window, from Facebook's event timestamps.
 */
export const messengerContacts = pgTable(
  "messenger_contacts",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => messengerProfiles.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    accountId: ownedByAccount(),
    psid: text("psid").notNull(),
    optedInAt: timestamp("opted_in_at", { withTimezone: true }),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    extraUsedAt: timestamp("extra_used_at", { withTimezone: true }),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    /**
     * How the link was made: `ref`, a known contact's personal opt-in link; `anonymous`, an
     * opt-in without a usable ref, which created this contact as a Messenger subscriber.
     */
    origin: text("origin", { enum: ["ref", "anonymous"] })
      .notNull()
      .default("ref"),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the person's name is next asked of the User Profile API; null once settled. */
    nameDueAt: timestamp("name_due_at", { withTimezone: true }),
    nameAttempts: integer("name_attempts").notNull().default(0),
    /** Facebook's last answer when the name could not be read (kept after a final refusal). */
    nameError: text("name_error"),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.contactId] }),
    uniqueIndex("messenger_contacts_profile_psid_key").on(t.profileId, t.psid),
    // Serves the contact's delete cascade (the key leads with the profile).
    index("messenger_contacts_contact_idx").on(t.contactId),
    // The profile page's opt-ins over the last days: an index range per profile.
    index("messenger_contacts_profile_linked_idx").on(t.profileId, t.linkedAt),
    // The name lookups due, for the leader's turn.
    index("messenger_contacts_name_due_idx").on(t.nameDueAt).where(sql`${t.nameDueAt} is not null`),
  ],
);

/**
 * What Facebook told about a person of a Page, by PSID, whether or not a contact is linked yet:
 * events arrive out of order (a message before the opt-in that links it), so the facts are kept
 * as maxima of Facebook's timestamps. Receipt watermarks are kept for people with a message
 * whose outcome is still unknown, so a delivery that beats the echo settling it is not lost.
 */
export const messengerPeople = pgTable(
  "messenger_people",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => messengerProfiles.id, { onDelete: "cascade" }),
    psid: text("psid").notNull(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    deliveredUntil: timestamp("delivered_until", { withTimezone: true }),
    readUntil: timestamp("read_until", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.psid] })],
);

/** The webhook inbox (DESIGN §5): events persisted before processing, unique per event. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    pageId: text("page_id").notNull(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    payload: jsonb("payload").notNull(),
    eventTime: timestamp("event_time", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    error: text("error"),
  },
  (t) => [
    uniqueIndex("webhook_events_dedupe_key").on(t.dedupeKey),
    index("webhook_events_pending_idx")
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.processedAt} is null`),
    // Processed opt-ins and messages, oldest first, for pruning once no redelivery can come.
    index("webhook_events_processed_idx")
      .on(t.processedAt)
      .where(sql`${t.processedAt} is not null`),
  ],
);

/**
 * A Facebook Login in progress or just completed (SPEC §4 "Log in to Facebook"): the OAuth
 * `state` to check on return, then the person's user token (encrypted) for listing their pages.
 */
export const facebookLogins = pgTable(
  "facebook_logins",
  {
    id: uuid("id").primaryKey(),
    accountId: ownedByAccount(),
    userId: uuid("user_id").notNull(),
    state: text("state").notNull(),
    returnTo: text("return_to").notNull(),
    userTokenEnc: text("user_token_enc"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("facebook_logins_state_key").on(t.state)],
);
