import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import type { FacebookResult } from "../graph/facebook-error";
import type { GraphAnswer } from "../graph/read-graph-answer";

const successSchema = z.looseObject({ success: z.literal(true) });

/** Turns a Graph `{ "success": true }` answer into a result; anything else is an unexpected answer. */
export function successResult(answer: GraphAnswer): FacebookResult {
  if (!answer.ok) return answer;
  if (successSchema.safeParse(answer.body).success) return { ok: true };
  return { ok: false, error: badResponse("Facebook did not confirm success", answer.status, true) };
}
