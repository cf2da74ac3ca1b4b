import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import type { FacebookResult } from "../graph/facebook-error";
import type { GraphAnswer } from "../graph/read-graph-answer";

/** What one send gives: Facebook's message id (and the PSID it answered), or the error. */
export type SendResult = FacebookResult<{ messageId: string; recipientId?: string }>;

const sendAnswerSchema = z.looseObject({
  message_id: z.string().min(1),
  recipient_id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
});

/** Reads a Send API answer; a success without a `message_id` is unknown: it may have gone out. */
export function sendResult(answer: GraphAnswer): SendResult {
  if (!answer.ok) return answer;
  const parsed = sendAnswerSchema.safeParse(answer.body);
  if (!parsed.success) {
    const message = "Facebook accepted the send but returned no message_id";
    return { ok: false, error: badResponse(message, answer.status, false) };
  }
  const { message_id, recipient_id } = parsed.data;
  return {
    ok: true,
    messageId: message_id,
    ...(recipient_id === undefined ? {} : { recipientId: recipient_id }),
  };
}
