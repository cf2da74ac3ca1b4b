import { z } from "zod";
import { classifyGraphError } from "./classify-graph-error";
import type { GraphError } from "./facebook-error";
import type { HeaderReader } from "./graph-fetch";
import { retryAfterMs } from "./retry-after";

const intLike = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

const graphErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: intLike,
    error_subcode: intLike.optional().catch(undefined),
    type: z.string().optional().catch(undefined),
    message: z.string().optional().catch(undefined),
    error_user_msg: z.string().optional().catch(undefined),
    fbtrace_id: z.string().optional().catch(undefined),
  }),
});

/** Reads Graph's `{ error: { … } }` envelope into a classified GraphError, or undefined if absent. */
export function parseGraphError(
  body: unknown,
  httpStatus: number,
  headers: HeaderReader,
): GraphError | undefined {
  const parsed = graphErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const e = parsed.data.error;
  const subcode = e.error_subcode;
  const { classification, backoff } = classifyGraphError({ code: e.code, subcode, httpStatus });
  const wait = classification === "retry" ? retryAfterMs(headers) : undefined;
  return {
    kind: "graph",
    code: e.code,
    ...(subcode === undefined ? {} : { subcode }),
    type: e.type ?? "OAuthException",
    message: e.message ?? `Graph API error ${e.code}`,
    ...(e.error_user_msg === undefined ? {} : { userMessage: e.error_user_msg }),
    ...(e.fbtrace_id === undefined ? {} : { fbtraceId: e.fbtrace_id }),
    httpStatus,
    classification,
    ...(backoff === undefined ? {} : { backoff }),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  };
}
