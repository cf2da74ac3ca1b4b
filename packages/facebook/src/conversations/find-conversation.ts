import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { graphIdSchema } from "../graph/graph-id-schema";

const conversationsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: graphIdSchema })),
});

/**
 * The Messenger conversation between the Page and one person, `null` when there is none
 * (`GET /{page-id}/conversations?platform=messenger&user_id={psid}`, MESSENGER.md §9).
 */
export async function findConversation(
  ctx: GraphContext,
  pageToken: string,
  pageId: string,
  psid: string,
): Promise<FacebookResult<{ conversationId: string | null }>> {
  const url = graphUrl(ctx, `${encodeURIComponent(pageId)}/conversations`, {
    platform: "messenger",
    user_id: psid,
  });
  const answer = await callGraph(ctx, {
    method: "GET",
    url,
    accessToken: pageToken,
    idempotent: true,
  });
  if (!answer.ok) return answer;
  const parsed = conversationsSchema.safeParse(answer.body);
  if (!parsed.success) {
    const message = "Facebook's conversations answer has no data array of ids";
    return { ok: false, error: badResponse(message, answer.status, true) };
  }
  return { ok: true, conversationId: parsed.data.data[0]?.id ?? null };
}
