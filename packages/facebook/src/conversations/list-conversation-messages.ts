import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { graphIdSchema } from "../graph/graph-id-schema";
import { graphTimeSchema } from "./graph-time-schema";

/** One message of a conversation as its listing gives it: the id and when it was created. */
export interface ConversationMessageRef {
  id: string;
  /** ISO 8601 UTC. */
  createdTime: string;
}

const messagesEdgeSchema = z.looseObject({
  data: z.array(z.looseObject({ id: graphIdSchema, created_time: graphTimeSchema })),
  paging: z
    .looseObject({
      cursors: z.looseObject({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});

// The node's `messages` field is the first page of the edge; Graph leaves it out when empty.
const conversationSchema = z.looseObject({ messages: messagesEdgeSchema.optional() });

type MessagesEdge = z.infer<typeof messagesEdgeSchema>;

/** The cursor of the next page: `cursors.after` (or the `after` of `next`), only when `next` exists. */
function nextCursor(paging: MessagesEdge["paging"]): string | null | undefined {
  if (paging?.next === undefined) return null;
  if (paging.cursors?.after) return paging.cursors.after;
  try {
    return new URL(paging.next).searchParams.get("after") ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a conversation's messages, newest first (MESSENGER.md §9): the first from
 * `GET /{conversation-id}?fields=messages`, the next ones from the `messages` edge with the
 * `after` cursor this returned; `after` is `null` on the last page.
 */
export async function listConversationMessages(
  ctx: GraphContext,
  pageToken: string,
  conversationId: string,
  after?: string,
): Promise<FacebookResult<{ messages: ConversationMessageRef[]; after: string | null }>> {
  const id = encodeURIComponent(conversationId);
  const url =
    after === undefined
      ? graphUrl(ctx, id, { fields: "messages" })
      : graphUrl(ctx, `${id}/messages`, { fields: "id,created_time", after });
  const answer = await callGraph(ctx, {
    method: "GET",
    url,
    accessToken: pageToken,
    idempotent: true,
  });
  if (!answer.ok) return answer;
  let edge: MessagesEdge | undefined;
  if (after === undefined) {
    const parsed = conversationSchema.safeParse(answer.body);
    if (parsed.success) edge = parsed.data.messages ?? { data: [] };
  } else {
    const parsed = messagesEdgeSchema.safeParse(answer.body);
    if (parsed.success) edge = parsed.data;
  }
  const cursor = edge === undefined ? undefined : nextCursor(edge.paging);
  if (edge === undefined || cursor === undefined) {
    const message = "Facebook's conversation messages answer is not a list of ids with times";
    return { ok: false, error: badResponse(message, answer.status, true) };
  }
  const messages = edge.data.map((m) => ({ id: m.id, createdTime: m.created_time }));
  return { ok: true, messages, after: cursor };
}
