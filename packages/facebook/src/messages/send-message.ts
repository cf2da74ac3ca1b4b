import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";

/** A text message to one PSID; `tag` goes with, and only with, `MESSAGE_TAG`. */
export type SendMessageInput = {
  pageToken: string;
  psid: string;
  text: string;
  /** Delivered back in the echo (≤ 1000 characters); Waymark puts its message id here. */
  metadata?: string;
} & (
  | { messagingType: "RESPONSE" | "UPDATE"; tag?: undefined }
  | { messagingType: "MESSAGE_TAG"; tag: string }
);

const sendAnswerSchema = z.looseObject({
  message_id: z.string().min(1),
  recipient_id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
});

// Built once per client: the URL is read, never changed, by callGraph.
const sendUrls = new WeakMap<GraphContext, URL>();

/**
 * Sends a text through the Send API (`POST /{version}/me/messages`, MESSENGER.md §1). Never
 * throws; an error of classification `unknown` means Facebook may have sent it: do not resend.
 */
export async function sendMessage(
  ctx: GraphContext,
  input: SendMessageInput,
): Promise<FacebookResult<{ messageId: string; recipientId?: string }>> {
  let url = sendUrls.get(ctx);
  if (url === undefined) {
    url = graphUrl(ctx, "me/messages");
    sendUrls.set(ctx, url);
  }
  const json = {
    recipient: { id: input.psid },
    messaging_type: input.messagingType,
    ...(input.tag === undefined ? {} : { tag: input.tag }),
    message: {
      text: input.text,
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    },
  };
  const answer = await callGraph(ctx, {
    method: "POST",
    url,
    accessToken: input.pageToken,
    json,
    idempotent: false,
  });
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
