import { z } from "zod";
import type { FacebookResult } from "../graph/facebook-error";
import { getGraph } from "../graph/get-graph";
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
  const answer = await getGraph(
    ctx,
    url,
    pageToken,
    conversationsSchema,
    "Facebook's conversations answer has no data array of ids",
  );
  if (!answer.ok) return answer;
  return { ok: true, conversationId: answer.body.data[0]?.id ?? null };
}
