import type { SandboxContext } from "../context";
import type { TokenRecord } from "../state/records";
import { authErrors } from "./auth-errors";
import type { GraphError } from "./graph-error";
import { type GraphParams, stringParam } from "./read-params";

/** The access token of a request: `access_token` parameter, else an `Authorization` header. */
export function tokenOf(
  params: GraphParams,
  authorization: string | undefined,
): string | undefined {
  const fromParams = stringParam(params, "access_token");
  if (fromParams) return fromParams;
  const match = authorization?.match(/^(?:Bearer|OAuth)\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Resolves and checks a request's token (MESSENGER.md §8 rules 2 and 4): present, known,
 * not revoked or expired, and with a correct `appsecret_proof`.
 */
export function authenticate(
  ctx: SandboxContext,
  params: GraphParams,
  authorization: string | undefined,
): TokenRecord | GraphError {
  const token = tokenOf(params, authorization);
  if (!token) return authErrors.missingToken();
  const record = ctx.state.tokens.get(token);
  if (!record) return authErrors.malformedToken();
  if (record.revokedAt) return authErrors.appRemoved(ctx.config.appId);
  if (record.expiresAt && record.expiresAt.getTime() <= ctx.now().getTime()) {
    return authErrors.expired(record.expiresAt);
  }
  const proof = stringParam(params, "appsecret_proof");
  if (proof === undefined) {
    return ctx.config.requireAppSecretProof ? authErrors.missingProof() : record;
  }
  if (proof !== record.proof) return authErrors.invalidProof();
  return record;
}
