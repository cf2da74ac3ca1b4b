import { z } from "zod";
import { graphIdSchema } from "../graph/graph-id-schema";

/** Epoch milliseconds; a digit string is accepted too. */
const epochMsSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
]);

/** A field we only pass along: dropped (not fatal) when it has the wrong type. */
const extraString = z.string().optional().catch(undefined);

const participantSchema = z.looseObject({ id: graphIdSchema });

/** The POST body envelope (MESSENGER.md §3.2); events inside are parsed one by one. */
export const webhookEnvelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: graphIdSchema,
      time: epochMsSchema.optional().catch(undefined),
      messaging: z.array(z.unknown()).optional(),
      standby: z.array(z.unknown()).optional().catch(undefined),
    }),
  ),
});

/** A `messages` event from a person (MESSENGER.md §3.3). */
export const messageEventSchema = z.looseObject({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMsSchema,
  message: z.looseObject({
    mid: z.string().min(1),
    text: extraString,
    quick_reply: z.looseObject({ payload: z.string() }).optional().catch(undefined),
  }),
  prior_message: z
    .looseObject({ source: z.string(), identifier: z.string() })
    .optional()
    .catch(undefined),
});

/** A `message_echoes` event: a message the Page sent, `sender` is the Page (MESSENGER.md §3.3). */
export const echoEventSchema = z.looseObject({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMsSchema,
  message: z.looseObject({
    is_echo: z.literal(true),
    mid: z.string().min(1),
    app_id: graphIdSchema.optional().catch(undefined),
    metadata: extraString,
    text: extraString,
  }),
});

/**
 * A `messaging_optins` event in any documented shape: Send to Messenger (sender + ref), checkbox
 * (`user_ref`, no sender), one-time and marketing notifications (MESSENGER.md §2.4, §2.5, §3.3).
 */
export const optinEventSchema = z
  .looseObject({
    sender: z
      .looseObject({ id: graphIdSchema.optional(), user_ref: z.string().min(1).optional() })
      .optional(),
    recipient: participantSchema,
    timestamp: epochMsSchema,
    optin: z.looseObject({
      ref: extraString,
      user_ref: z.string().min(1).optional(),
      type: extraString,
      payload: extraString,
      one_time_notif_token: extraString,
      notification_messages_token: extraString,
      notification_messages_status: extraString,
    }),
  })
  .refine((e) => e.sender?.id ?? e.optin.user_ref ?? e.sender?.user_ref, {
    message: "an opt-in names neither a sender id nor a user_ref",
  });

/** A `message_deliveries` event; `mids` may be absent, `watermark` may not (MESSENGER.md §3.3). */
export const deliveryEventSchema = z.looseObject({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMsSchema.optional().catch(undefined),
  delivery: z.looseObject({
    mids: z.array(z.string().min(1)).optional(),
    watermark: epochMsSchema,
  }),
});

/** A `message_reads` event: everything up to `watermark` was read (MESSENGER.md §3.3). */
export const readEventSchema = z.looseObject({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMsSchema.optional().catch(undefined),
  read: z.looseObject({ watermark: epochMsSchema }),
});
