import type { Context } from "hono";
import type { SandboxContext } from "../../context";
import { GraphError, invalidParam } from "../../graph/graph-error";
import { errorResult, type GraphResult, ok } from "../../graph/graph-route";
import { type GraphParams, isPlainObject, stringParam } from "../../graph/read-params";
import { answerAfterAccept } from "../../send/answer-faults";
import { acceptSend, type SendOutcome } from "../../send/send-message";

const MAX_BATCH = 50;
const MESSAGES_PATH = /^\/?(?:v\d+\.\d+\/)?([^/?]+)\/messages(?:\?(.*))?$/;

/**
 * `POST /{version}/` with `batch` (MESSENGER.md §6, §8 rule 28): up to 50 Send API calls,
 * each answered in order as `{ code, headers, body }` with the body as a JSON string. Faults
 * on the answer (late, lost) strike the whole batch once its items were accepted.
 */
export async function runBatch(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
): Promise<GraphResult | GraphError> {
  const authorization = c.req.header("authorization");
  let items: unknown = params.batch;
  if (items === undefined) return invalidParam("The parameter batch is required");
  if (typeof items === "string") {
    try {
      items = JSON.parse(items);
    } catch {
      return invalidParam("Param batch must be a JSON array");
    }
  }
  if (!Array.isArray(items)) return invalidParam("Param batch must be a JSON array");
  if (items.length > MAX_BATCH) {
    return new GraphError({
      message: `Maximum batch size is ${MAX_BATCH}`,
      type: "GraphBatchException",
      code: 1,
    });
  }
  const includeHeaders = stringParam(params, "include_headers") !== "false";
  const results = [];
  const acceptedFor: string[] = [];
  for (const item of items) {
    const { answer, acceptedFor: pageId } = await runItem(ctx, params, authorization, item);
    if (pageId !== null) acceptedFor.push(pageId);
    const result = answer instanceof GraphError ? errorResult(answer) : answer;
    const body = JSON.stringify(result.body);
    const headers = [{ name: "Content-Type", value: "text/javascript; charset=UTF-8" }];
    results.push(
      includeHeaders ? { code: result.status, headers, body } : { code: result.status, body },
    );
  }
  await answerAfterAccept(ctx, c, acceptedFor);
  return ok(results);
}

async function runItem(
  ctx: SandboxContext,
  outer: GraphParams,
  authorization: string | undefined,
  item: unknown,
): Promise<SendOutcome> {
  const refused = (answer: GraphError): SendOutcome => ({ answer, acceptedFor: null });
  if (!isPlainObject(item) || typeof item.relative_url !== "string") {
    return refused(invalidParam("Each batch item needs a method and a relative_url"));
  }
  const method = typeof item.method === "string" ? item.method.toUpperCase() : "GET";
  const match = item.relative_url.match(MESSAGES_PATH);
  if (method !== "POST" || !match?.[1]) {
    return refused(invalidParam(`Unsupported batch request: ${method} ${item.relative_url}`));
  }
  const params: GraphParams = {};
  for (const [k, v] of new URLSearchParams(match[2] ?? "")) params[k] = v;
  if (typeof item.body === "string") {
    for (const [k, v] of new URLSearchParams(item.body)) params[k] = v;
  }
  if (params.access_token === undefined) {
    for (const key of ["access_token", "appsecret_proof"]) {
      if (outer[key] !== undefined) params[key] = outer[key];
    }
  }
  return acceptSend(ctx, params, authorization, match[1]);
}
