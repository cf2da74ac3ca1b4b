import { z } from "zod";
import type { FacebookResult } from "../graph/facebook-error";
import { getGraph } from "../graph/get-graph";
import { type GraphContext, graphUrl } from "../graph/graph-context";

/** What Facebook says of a Page token it still accepts. */
export interface PageTokenInfo {
  /** Whether Facebook calls the token valid (a token asking about itself is, or gets 190). */
  valid: boolean;
  /** The Page the token acts for; `null` when Facebook names none. */
  pageId: string | null;
  /** The permissions the token carries, e.g. `pages_messaging`. */
  scopes: string[];
}

const debugTokenSchema = z.looseObject({
  data: z.looseObject({
    is_valid: z.boolean(),
    profile_id: z.string().optional().catch(undefined),
    scopes: z.array(z.string()).optional().catch(undefined),
  }),
});

/**
 * Asks Facebook about a Page token with the token itself (`GET /debug_token?input_token=`):
 * a token made invalid (app removed from the Page, password changed) fails with 190
 * (`token_invalid`); a valid one lists its scopes. `timeoutMs` caps this call only.
 */
export async function checkPageToken(
  ctx: GraphContext,
  pageToken: string,
  options: { timeoutMs?: number } = {},
): Promise<FacebookResult<{ token: PageTokenInfo }>> {
  const timeoutMs = Math.min(ctx.timeoutMs, options.timeoutMs ?? ctx.timeoutMs);
  const answer = await getGraph(
    { ...ctx, timeoutMs },
    graphUrl(ctx, "debug_token", { input_token: pageToken }),
    pageToken,
    debugTokenSchema,
    "Facebook's debug_token answer has no data",
  );
  if (!answer.ok) return answer;
  const { data } = answer.body;
  return {
    ok: true,
    token: { valid: data.is_valid, pageId: data.profile_id ?? null, scopes: data.scopes ?? [] },
  };
}
