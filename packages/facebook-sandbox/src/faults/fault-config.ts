import { z } from "zod";

const probability = z.number().min(0).max(1);
// Holds and delays are bounded so a typo cannot park events for days (10 minutes).
const MAX_HOLD_MS = 600_000;

/** One injected Send API error: answered with probability `rate`, or for the next `count` sends. */
export const errorFaultSchema = z.strictObject({
  code: z.number().int().positive(),
  rate: probability.optional(),
  count: z.number().int().positive().optional(),
  subcode: z.number().int().positive().optional(),
  status: z.number().int().min(400).max(599).optional(),
  message: z.string().optional(),
  pageId: z.string().optional(),
});

export type ErrorFault = z.infer<typeof errorFaultSchema>;

/** What can go wrong with webhooks, each with a probability per event. */
export const webhookFaultSchema = z.strictObject({
  drop: probability.optional(),
  duplicate: probability.optional(),
  delay: probability.optional(),
  delayMs: z.number().int().min(0).optional(),
  reorder: probability.optional(),
});

/** Webhook events held back: for `ms`, or (without `ms`) until the admin releases them. */
export const holdFaultSchema = z.strictObject({
  ms: z.number().int().positive().max(MAX_HOLD_MS).optional(),
  pageId: z.string().min(1).optional(),
});

export type HoldFault = z.infer<typeof holdFaultSchema>;

/**
 * Echoes, deliveries and reads gathered for `windowMs`, then posted newest first (`reverse`)
 * or in a random order (`shuffle`), a thread's events each in a POST of its own.
 */
export const reorderFaultSchema = z.strictObject({
  order: z.enum(["reverse", "shuffle"]).default("reverse"),
  windowMs: z.number().int().positive().max(MAX_HOLD_MS).default(500),
  pageId: z.string().min(1).optional(),
});

export type ReorderFault = z.infer<typeof reorderFaultSchema>;

/**
 * Accepted Send API calls (single or batch) whose answer is lost: the message is sent, but
 * the connection is reset. With probability `rate` (default 1), for the next `count` calls.
 */
export const lostAnswerFaultSchema = z.strictObject({
  rate: probability.optional(),
  count: z.number().int().positive().optional(),
  pageId: z.string().min(1).optional(),
});

export type LostAnswerFault = z.infer<typeof lostAnswerFaultSchema>;

/**
 * The conversation reads (MESSENGER.md §9) failing or slow: `errors` as for sends, answered
 * after authentication; `latencyMs` added before the answer; `pageId` limits both to one Page.
 */
export const conversationsFaultSchema = z.strictObject({
  errors: z.array(errorFaultSchema).optional(),
  latencyMs: z.number().int().min(0).max(MAX_HOLD_MS).optional(),
  pageId: z.string().min(1).optional(),
});

export type ConversationsFault = z.infer<typeof conversationsFaultSchema>;

/** The User Profile API (MESSENGER.md §7) failing or slow, with the same settings as `conversations`. */
export const userProfileFaultSchema = conversationsFaultSchema;

export type UserProfileFault = ConversationsFault;

/** The webhook fields the hold and reorder faults act on. */
export const HELD_FIELDS = ["message_echoes", "message_deliveries", "message_reads"] as const;

/** Which held webhook events an admin release sends (all when empty). */
export const releaseFilterSchema = z.strictObject({
  fields: z.array(z.enum(HELD_FIELDS)).min(1).optional(),
  pageId: z.string().min(1).optional(),
});

export type ReleaseFilter = z.infer<typeof releaseFilterSchema>;

/** Fault injection settings; every key is optional and replaces the current value when given. */
export const faultConfigSchema = z.strictObject({
  errors: z.array(errorFaultSchema).optional(),
  burst: z
    .strictObject({
      status: z.number().int().min(500).max(599).default(503),
      count: z.number().int().min(1),
    })
    .nullable()
    .optional(),
  latencyMs: z.number().int().min(0).optional(),
  rateCapPerSecond: z.number().int().positive().nullable().optional(),
  webhooks: webhookFaultSchema.optional(),
  holdEchoes: holdFaultSchema.nullable().optional(),
  holdReceipts: holdFaultSchema.nullable().optional(),
  reorderReceipts: reorderFaultSchema.nullable().optional(),
  answerDelayMs: z.number().int().min(0).max(MAX_HOLD_MS).optional(),
  dropAnswerAfterAccept: lostAnswerFaultSchema.nullable().optional(),
  conversations: conversationsFaultSchema.nullable().optional(),
  userProfile: userProfileFaultSchema.nullable().optional(),
});

export type FaultConfigInput = z.input<typeof faultConfigSchema>;

export interface FaultConfig {
  errors: ErrorFault[];
  burst: { status: number; count: number } | null;
  latencyMs: number;
  rateCapPerSecond: number | null;
  webhooks: z.infer<typeof webhookFaultSchema>;
  holdEchoes: HoldFault | null;
  holdReceipts: HoldFault | null;
  reorderReceipts: ReorderFault | null;
  answerDelayMs: number;
  dropAnswerAfterAccept: LostAnswerFault | null;
  conversations: ConversationsFault | null;
  userProfile: UserProfileFault | null;
}

export function emptyFaults(): FaultConfig {
  return {
    errors: [],
    burst: null,
    latencyMs: 0,
    rateCapPerSecond: null,
    webhooks: {},
    holdEchoes: null,
    holdReceipts: null,
    reorderReceipts: null,
    answerDelayMs: 0,
    dropAnswerAfterAccept: null,
    conversations: null,
    userProfile: null,
  };
}

/** Default wording and HTTP status of injected errors, by code (MESSENGER.md §1.4). */
export const INJECTED_ERRORS: Record<
  number,
  { message: string; subcode?: number; status?: number }
> = {
  1: { message: "An unknown error has occurred.", status: 500 },
  2: { message: "An unexpected error has occurred. Please retry your request later.", status: 500 },
  4: { message: "(#4) Application request limit reached" },
  10: { message: "(#10) This message is sent outside of allowed window.", subcode: 2018278 },
  17: { message: "(#17) User request limit reached" },
  32: { message: "(#32) Page request limit reached" },
  190: {
    message: "Error validating access token: The session has been invalidated.",
    subcode: 460,
  },
  368: {
    message: "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
  },
  551: { message: "(#551) This person isn't available right now.", subcode: 1545041 },
  613: { message: "(#613) Calls to this api have exceeded the rate limit." },
  1200: {
    message: "(#1200) Temporary send message failure. Please try again later.",
    subcode: 2018024,
  },
  80006: { message: "(#80006) There have been too many messages sent to this Messenger user." },
};

/** Codes the client is expected to retry, flagged `is_transient` like Facebook does. */
export const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 613, 1200, 80006]);
