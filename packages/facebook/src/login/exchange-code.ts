import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { accessTokenResult, type UserAccessToken } from "./access-token-response";

/** Input of the code-for-token exchange. */
export interface ExchangeCodeInput {
  code: string;
  /** Must equal the redirect URI of the dialog. */
  redirectUri: string;
}

/** Exchanges a Login `code` for a (short-lived) user access token (MESSENGER.md §5.1 step 2). */
export async function exchangeCode(
  ctx: GraphContext,
  input: ExchangeCodeInput,
): Promise<FacebookResult<{ token: UserAccessToken }>> {
  const url = graphUrl(ctx, "oauth/access_token", {
    client_id: ctx.appId,
    redirect_uri: input.redirectUri,
    client_secret: ctx.appSecret,
    code: input.code,
  });
  return accessTokenResult(await callGraph(ctx, { method: "GET", url, idempotent: true }));
}
