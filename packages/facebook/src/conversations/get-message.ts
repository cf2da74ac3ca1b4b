import { z } from "zod";
import type { FacebookResult } from "../graph/facebook-error";
import { getGraph } from "../graph/get-graph";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { graphIdSchema } from "../graph/graph-id-schema";
import { graphTimeSchema } from "./graph-time-schema";

/** One message's details: who sent it (the Page's id, or the person's PSID) and its text. */
export interface ConversationMessage {
  id: string;
  /** ISO 8601 UTC. */
  createdTime: string;
  fromId: string;
  /** `null` when the message carries no text (e.g. only an attachment). */
  text: string | null;
}

const messageSchema = z.looseObject({
  id: graphIdSchema,
  created_time: graphTimeSchema,
  from: z.looseObject({ id: graphIdSchema }),
  message: z.string().optional().catch(undefined),
});

/**
 * One message's details (`GET /{message-id}?fields=id,created_time,from,to,message`,
 * MESSENGER.md §9). Facebook answers only for the 20 most recent messages of a conversation.
 */
export async function getMessage(
  ctx: GraphContext,
  pageToken: string,
  messageId: string,
): Promise<FacebookResult<{ message: ConversationMessage }>> {
  const url = graphUrl(ctx, encodeURIComponent(messageId), {
    fields: "id,created_time,from,to,message",
  });
  const answer = await getGraph(
    ctx,
    url,
    pageToken,
    messageSchema,
    "Facebook's message answer has no id, created_time or from",
  );
  if (!answer.ok) return answer;
  const { id, created_time, from, message } = answer.body;
  const text = message === undefined || message === "" ? null : message;
  return { ok: true, message: { id, createdTime: created_time, fromId: from.id, text } };
}
