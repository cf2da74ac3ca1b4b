import type { z } from "zod";
import { badResponse } from "./bad-response";
import { callGraph } from "./call-graph";
import type { FacebookResult } from "./facebook-error";
import type { GraphContext } from "./graph-context";

/**
 * GETs a Graph node or edge with `accessToken` and parses the answer with `schema`; an answer of
 * another shape is a bad response saying `wrongShape` (a GET is safe to repeat).
 */
export async function getGraph<T>(
  ctx: GraphContext,
  url: URL,
  accessToken: string,
  schema: z.ZodType<T>,
  wrongShape: string,
): Promise<FacebookResult<{ body: T }>> {
  const answer = await callGraph(ctx, { method: "GET", url, accessToken, idempotent: true });
  if (!answer.ok) return answer;
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) return { ok: false, error: badResponse(wrongShape, answer.status, true) };
  return { ok: true, body: parsed.data };
}
