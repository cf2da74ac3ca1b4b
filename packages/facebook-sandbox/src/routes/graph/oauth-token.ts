import type { SandboxContext } from "../../context";
import { GraphError } from "../../graph/graph-error";
import { type GraphResult, ok } from "../../graph/graph-route";
import { type GraphParams, stringParam } from "../../graph/read-params";
import {
  consumeOauthCode,
  issueUserToken,
  LONG_LIVED_SECONDS,
  SHORT_LIVED_SECONDS,
} from "../../state/tokens-store";

const oauthError = (message: string, code: number, subcode?: number) =>
  new GraphError({
    message,
    type: "OAuthException",
    code,
    ...(subcode === undefined ? {} : { error_subcode: subcode }),
  });

const CODE_ERRORS = {
  unknown: () => oauthError("Invalid verification code format.", 100),
  used: () => oauthError("This authorization code has been used.", 100, 36009),
  expired: () => oauthError("This authorization code has expired.", 100, 36007),
  redirect_uri: () =>
    oauthError(
      "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
      100,
      36008,
    ),
};

/**
 * `GET /{version}/oauth/access_token`: exchanges a Login dialog code for a short-lived
 * user token, or (`grant_type=fb_exchange_token`) a user token for a long-lived one.
 */
export async function exchangeToken(
  ctx: SandboxContext,
  params: GraphParams,
): Promise<GraphResult | GraphError> {
  const clientId = stringParam(params, "client_id");
  if (!clientId) return oauthError("Missing client_id parameter.", 101);
  if (clientId !== ctx.config.appId) {
    return oauthError("Error validating application. Invalid application ID.", 101);
  }
  const secret = stringParam(params, "client_secret");
  if (!secret) return oauthError("Missing client_secret parameter.", 1);
  if (secret !== ctx.config.appSecret) return oauthError("Error validating client secret.", 1);

  if (stringParam(params, "grant_type") === "fb_exchange_token") {
    const token = stringParam(params, "fb_exchange_token");
    if (!token) return oauthError("Missing fb_exchange_token parameter.", 1);
    const record = ctx.state.tokens.get(token);
    const now = ctx.now().getTime();
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt.getTime() <= now)) {
      return oauthError("Invalid OAuth access token.", 190);
    }
    if (record.kind === "page") return ok({ access_token: record.token, token_type: "bearer" });
    const long = await issueUserToken(ctx, record.userId, record.scopes, LONG_LIVED_SECONDS);
    return ok({ access_token: long.token, token_type: "bearer", expires_in: LONG_LIVED_SECONDS });
  }

  const redirectUri = stringParam(params, "redirect_uri");
  if (redirectUri === undefined) return oauthError("Missing redirect_uri parameter.", 191);
  const code = stringParam(params, "code");
  if (!code) return oauthError("Missing code parameter.", 100);
  const use = await consumeOauthCode(ctx, code, redirectUri);
  if (!use.ok) return CODE_ERRORS[use.reason]();
  const token = await issueUserToken(ctx, use.userId, use.scopes, SHORT_LIVED_SECONDS);
  return ok({ access_token: token.token, token_type: "bearer", expires_in: SHORT_LIVED_SECONDS });
}
