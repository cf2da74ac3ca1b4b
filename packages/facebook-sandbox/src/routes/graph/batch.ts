import type { SandboxContext } from "../../context";
import { GraphError, invalidParam } from "../../graph/graph-error";
import { errorResult, type GraphResult, ok } from "../../graph/graph-route";
import { type GraphParams, isPlainObject, stringParam } from "../../graph/read-params";
import { sendMessage } from "../../send/send-message";

const MAX_BATCH = 50;
const MESSAGES_PATH = /^\/?(?:v\d+\.\d+\/)?([^/?]+)\/messages(?:\?(.*))?$/;

/**
 * `POST /{version}/` with `batch` (MESSENGER.md §6, §8 rule 28): up to 50 Send API calls,
 * each answered in order as `{ code, headers, body }` with the body as a JSON string.
 */
export async function runBatch(
  ctx: SandboxContext,
  params: GraphParams,
  authorization: string | undefined,
): Promise<GraphResult | GraphError> {
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
  for (const item of items) {
    const result = await runItem(ctx, params, authorization, item);
    const body = JSON.stringify(result.body);
    const headers = [{ name: "Content-Type", value: "text/javascript; charset=UTF-8" }];
    results.push(
      includeHeaders ? { code: result.status, headers, body } : { code: result.status, body },
    );
  }
  return ok(results);
}

async function runItem(
  ctx: SandboxContext,
  outer: GraphParams,
  authorization: string | undefined,
  item: unknown,
): Promise<GraphResult> {
  if (!isPlainObject(item) || typeof item.relative_url !== "string") {
    return errorResult(invalidParam("Each batch item needs a method and a relative_url"));
  }
  const method = typeof item.method === "string" ? item.method.toUpperCase() : "GET";
  const match = item.relative_url.match(MESSAGES_PATH);
  if (method !== "POST" || !match?.[1]) {
    return errorResult(invalidParam(`Unsupported batch request: ${method} ${item.relative_url}`));
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
  const result = await sendMessage(ctx, params, authorization, match[1]);
  return result instanceof GraphError ? errorResult(result) : result;
}
