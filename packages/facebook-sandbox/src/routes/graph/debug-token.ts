import type { Context } from "hono";
import type { SandboxContext } from "../../context";
import { authenticate } from "../../graph/authenticate";
import { coded, GraphError, invalidParam } from "../../graph/graph-error";
import { type GraphResult, ok } from "../../graph/graph-route";
import { type GraphParams, stringParam } from "../../graph/read-params";

/**
 * `GET /{version}/debug_token?input_token=…` (Graph reference: debug_token): what a token is
 * and which permissions it carries. The calling token is checked like any call (unknown or
 * revoked → 190), so a Page token asking about itself fails once the app is removed from the
 * Page. Without an app token, a token may only inspect itself.
 */
export async function debugToken(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
): Promise<GraphResult | GraphError> {
  const token = authenticate(ctx, params, c.req.header("authorization"));
  if (token instanceof GraphError) return token;
  const input = stringParam(params, "input_token");
  if (!input) return invalidParam("The parameter input_token is required");
  if (input !== token.token) {
    return coded(
      100,
      "You must provide an app access token, or a user access token that is an owner or developer of the app",
    );
  }
  const page = token.kind === "page" ? token.pageId : null;
  return ok({
    data: {
      app_id: ctx.config.appId,
      type: page === null ? "USER" : "PAGE",
      application: ctx.config.appName,
      data_access_expires_at: 0,
      expires_at: token.expiresAt ? Math.floor(token.expiresAt.getTime() / 1000) : 0,
      is_valid: true,
      ...(page === null ? {} : { profile_id: page }),
      scopes: token.scopes,
      granular_scopes: token.scopes
        .filter((scope) => scope.startsWith("pages_") && page !== null)
        .map((scope) => ({ scope, target_ids: [page] })),
      user_id: token.userId,
    },
  });
}
