import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { accessTokenResult, type UserAccessToken } from "./access-token-response";

/** Trades a short-lived user token for a long-lived one (~60 days, MESSENGER.md §5.1 step 3). */
export async function exchangeLongLived(
  ctx: GraphContext,
  userToken: string,
): Promise<FacebookResult<{ token: UserAccessToken }>> {
  const url = graphUrl(ctx, "oauth/access_token", {
    grant_type: "fb_exchange_token",
    client_id: ctx.appId,
    client_secret: ctx.appSecret,
    fb_exchange_token: userToken,
  });
  return accessTokenResult(await callGraph(ctx, { method: "GET", url, idempotent: true }));
}
