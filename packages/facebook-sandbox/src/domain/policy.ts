/** Messenger policy versions a sandbox Page can run under (SPEC §7.2). */
export type PolicyVersion = "2018" | "2020";

export const POLICY_VERSIONS = ["2018", "2020"] as const satisfies readonly PolicyVersion[];

/** The 17 message tags valid until 3 March 2020 (MESSENGER.md §2.2). */
export const TAGS_2018 = [
  "SHIPPING_UPDATE",
  "RESERVATION_UPDATE",
  "ISSUE_RESOLUTION",
  "APPOINTMENT_UPDATE",
  "GAME_EVENT",
  "TRANSPORTATION_UPDATE",
  "FEATURE_FUNCTIONALITY_UPDATE",
  "TICKET_UPDATE",
  "ACCOUNT_UPDATE",
  "PAYMENT_UPDATE",
  "PERSONAL_FINANCE_UPDATE",
  "PAIRING_UPDATE",
  "APPLICATION_UPDATE",
  "CONFIRMED_EVENT_REMINDER",
  "COMMUNITY_ALERT",
  "NON_PROMOTIONAL_SUBSCRIPTION",
  "BUSINESS_PRODUCTIVITY",
] as const;

/** Tags valid since 4 March 2020 (MESSENGER.md §2.3, §8 rule 9). */
export const TAGS_2020 = [
  "CONFIRMED_EVENT_UPDATE",
  "POST_PURCHASE_UPDATE",
  "ACCOUNT_UPDATE",
  "HUMAN_AGENT",
  "CUSTOMER_FEEDBACK",
] as const;

/** Tags usable only within 7 days of the person's last message. */
export const SEVEN_DAY_TAGS: readonly string[] = ["HUMAN_AGENT", "CUSTOMER_FEEDBACK"];

const TAG_SETS: Record<PolicyVersion, ReadonlySet<string>> = {
  "2018": new Set(TAGS_2018),
  "2020": new Set(TAGS_2020),
};

/** Whether `tag` exists under a policy version. */
export function isTagAllowed(policy: PolicyVersion, tag: string): boolean {
  return TAG_SETS[policy].has(tag);
}

/** Messaging types the Send API accepts; NON_PROMOTIONAL_SUBSCRIPTION is the 2018-only historic value. */
export function isMessagingTypeAllowed(policy: PolicyVersion, type: string): boolean {
  if (type === "RESPONSE" || type === "UPDATE" || type === "MESSAGE_TAG") return true;
  return policy === "2018" && type === "NON_PROMOTIONAL_SUBSCRIPTION";
}

export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
export const SEVEN_DAYS_MS = 7 * STANDARD_WINDOW_MS;

/** Webhook fields a Page subscription may name (MESSENGER.md §3.6, plus common Page fields). */
export const SUBSCRIBABLE_FIELDS = [
  "messages",
  "message_deliveries",
  "message_reads",
  "message_echoes",
  "messaging_optins",
  "messaging_postbacks",
  "messaging_referrals",
  "messaging_account_linking",
  "messaging_policy_enforcement",
  "messaging_handovers",
  "messaging_game_plays",
  "message_reactions",
  "standby",
  "feed",
  "mention",
  "name",
  "picture",
] as const;
