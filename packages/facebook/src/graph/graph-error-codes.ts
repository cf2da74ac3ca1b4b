import type { GraphBackoff, GraphErrorClassification } from "./facebook-error";

/** One known Graph error code (optionally narrowed by subcode) and how Waymark treats it. */
export interface GraphErrorCodeEntry {
  code: number;
  subcode?: number;
  classification: GraphErrorClassification;
  backoff?: GraphBackoff;
  meaning: string;
  source: string;
}

const HANDLING = "developers.facebook.com/docs/graph-api/guides/error-handling";
const SEND_CODES = "developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes";
const PAGE_MESSAGES = "developers.facebook.com/docs/graph-api/reference/page/messages";
const JGORSET = "jgorset/facebook-messenger : lib/facebook/messenger/bot/error_parser.rb";

/** Known Graph error codes, as researched in MESSENGER.md §1.4 (sources quoted from there). */
// biome-ignore format: one row per code reads as the table it is
export const GRAPH_ERROR_CODES = [
  { code: 1, classification: "retry", backoff: "transient", meaning: "Unknown API error, may be temporary", source: HANDLING },
  { code: 1, subcode: 99, classification: "retry", backoff: "transient", meaning: "Unknown error, also reported for missing permissions; retried a bounded number of times", source: SEND_CODES },
  { code: 1, subcode: 1357046, classification: "bad_request", meaning: "Invalid JSON reply in a batch request", source: SEND_CODES },
  { code: 2, classification: "retry", backoff: "transient", meaning: "Temporary service error", source: HANDLING },
  { code: 2, subcode: 2018344, classification: "permanent_recipient", meaning: "Privacy or terms-of-service related failure", source: SEND_CODES },
  { code: 4, classification: "retry", backoff: "rate_limit", meaning: "App-level rate limit", source: HANDLING },
  { code: 4, subcode: 2018022, classification: "retry", backoff: "rate_limit", meaning: "Too many send requests to phone numbers", source: JGORSET },
  { code: 4, subcode: 2018354, classification: "retry", backoff: "rate_limit", meaning: "Minimum delay between marketing messages not respected", source: SEND_CODES },
  { code: 9, subcode: 2018352, classification: "retry", backoff: "rate_limit", meaning: "User performed too many actions", source: SEND_CODES },
  { code: 10, classification: "permission", meaning: "Permission denied for this action", source: HANDLING },
  { code: 10, subcode: 2018278, classification: "window", meaning: "Message sent outside of the allowed window", source: "botpress/botpress issue #4890; home-assistant/core issue #32507 (subcode unconfirmed officially)" },
  { code: 10, subcode: 2018276, classification: "window", meaning: "Outside-window subcode as given by one third-party catalogue (CONFLICT with 2018278)", source: "raaabdullah1/meta-graph-errors (third-party)" },
  { code: 10, subcode: 2018065, classification: "window", meaning: "Outside of allowed window without the subscription messaging permission (2016–2019)", source: JGORSET },
  { code: 10, subcode: 2018108, classification: "permanent_recipient", meaning: "This person isn't receiving messages from you right now", source: SEND_CODES },
  { code: 17, classification: "retry", backoff: "rate_limit", meaning: "User-level rate limit", source: HANDLING },
  { code: 32, classification: "retry", backoff: "rate_limit", meaning: "Page-level rate limit", source: "developers.facebook.com/docs/graph-api/overview/rate-limiting" },
  { code: 100, classification: "bad_request", meaning: "Invalid parameter", source: SEND_CODES },
  { code: 100, subcode: 2018001, classification: "permanent_recipient", meaning: "No matching user found", source: SEND_CODES },
  { code: 100, subcode: 2018218, classification: "permanent_recipient", meaning: "No profile available for this user (User Profile API)", source: "developers.facebook.com/docs/messenger-platform/identity/user-profile" },
  { code: 100, subcode: 2018034, classification: "bad_request", meaning: "Message cannot be empty", source: "rickydunlop/fbmessenger-node PR #24 (third-party)" },
  { code: 100, subcode: 2018109, classification: "bad_request", meaning: "Attachment size exceeds limit", source: JGORSET },
  { code: 190, classification: "token_invalid", meaning: "Invalid or expired access token", source: HANDLING },
  { code: 190, subcode: 458, classification: "token_invalid", meaning: "App not installed", source: HANDLING },
  { code: 190, subcode: 459, classification: "token_invalid", meaning: "User checkpointed", source: HANDLING },
  { code: 190, subcode: 460, classification: "token_invalid", meaning: "Password changed", source: HANDLING },
  { code: 190, subcode: 463, classification: "token_invalid", meaning: "Token expired", source: HANDLING },
  { code: 190, subcode: 464, classification: "token_invalid", meaning: "Unconfirmed user", source: HANDLING },
  { code: 190, subcode: 467, classification: "token_invalid", meaning: "Invalid access token", source: HANDLING },
  { code: 200, subcode: 1545041, classification: "permanent_recipient", meaning: "Person not receiving messages (2016 table)", source: "2016 Send API snapshot" },
  { code: 200, subcode: 2018021, classification: "permission", meaning: "App permission not granted", source: JGORSET },
  { code: 200, subcode: 2018027, classification: "permission", meaning: "Phone-number sends not permitted", source: JGORSET },
  { code: 200, subcode: 2018028, classification: "permission", meaning: "Feature not permitted", source: JGORSET },
  { code: 230, classification: "permission", meaning: "Listed on the Page messages edge, treated as a permission error", source: PAGE_MESSAGES },
  { code: 368, classification: "permission", meaning: "Temporarily blocked for policy violations", source: HANDLING },
  { code: 551, classification: "permanent_recipient", meaning: "This person isn't available right now", source: PAGE_MESSAGES },
  { code: 551, subcode: 1545041, classification: "permanent_recipient", meaning: "This person isn't available right now", source: PAGE_MESSAGES },
  { code: 613, classification: "retry", backoff: "rate_limit", meaning: "Calls to this API have exceeded the rate limit", source: SEND_CODES },
  { code: 1200, classification: "retry", backoff: "transient", meaning: "Temporary send message failure", source: "2016 Send API snapshot" },
  { code: 1200, subcode: 2018024, classification: "retry", backoff: "transient", meaning: "Temporary send message failure", source: "remixz/messenger-bot issue #61" },
  { code: 10303, classification: "bad_request", meaning: "Invalid account_linking_token", source: JGORSET },
  { code: 2022, classification: "bad_request", meaning: "Listed on the Page messages edge, meaning not captured", source: PAGE_MESSAGES },
  { code: 10900, classification: "bad_request", meaning: "Listed on the Page messages edge, meaning not captured", source: PAGE_MESSAGES },
  { code: 10903, classification: "bad_request", meaning: "Listed on the Page messages edge, meaning not captured", source: PAGE_MESSAGES },
] as const satisfies readonly GraphErrorCodeEntry[];

/** Code ranges that share one treatment when no exact entry matches. */
// biome-ignore format: one row per range reads as the table it is
export const GRAPH_ERROR_CODE_RANGES = [
  { from: 200, to: 299, classification: "permission", meaning: "Permission errors", source: HANDLING },
  { from: 80000, to: 80014, classification: "retry", backoff: "rate_limit", meaning: "Business-use-case rate limits", source: "developers.facebook.com/docs/graph-api/overview/rate-limiting" },
] as const satisfies readonly (Omit<GraphErrorCodeEntry, "code" | "subcode"> & {
  from: number;
  to: number;
})[];
