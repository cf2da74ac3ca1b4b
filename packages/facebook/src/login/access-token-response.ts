import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import type { FacebookResult } from "../graph/facebook-error";
import type { GraphAnswer } from "../graph/read-graph-answer";

/** A user access token as returned by `/oauth/access_token`. */
export interface UserAccessToken {
  accessToken: string;
  tokenType?: string;
  /** Seconds until expiry, when Facebook says. */
  expiresIn?: number;
}

const accessTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional().catch(undefined),
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
    .optional()
    .catch(undefined),
});

/** Reads an `/oauth/access_token` answer into a result carrying `token`. */
export function accessTokenResult(answer: GraphAnswer): FacebookResult<{ token: UserAccessToken }> {
  if (!answer.ok) return answer;
  const parsed = accessTokenSchema.safeParse(answer.body);
  if (!parsed.success) {
    const message = "Facebook's token answer has no access_token";
    return { ok: false, error: badResponse(message, answer.status, true) };
  }
  const { access_token, token_type, expires_in } = parsed.data;
  return {
    ok: true,
    token: {
      accessToken: access_token,
      ...(token_type === undefined ? {} : { tokenType: token_type }),
      ...(expires_in === undefined ? {} : { expiresIn: expires_in }),
    },
  };
}
