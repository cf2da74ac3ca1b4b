import { callGraph } from "../graph/call-graph";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { logGraphCall } from "../graph/log-graph-call";
import { GRAPH_BATCH_LIMIT, readBatchAnswer } from "../graph/read-batch-answer";
import type { GraphAnswer } from "../graph/read-graph-answer";
import { sendMessage } from "./send-message";
import { type SendMessageRequest, sendMessageForm } from "./send-message-request";
import { type SendResult, sendResult } from "./send-result";

const SEND_PATH = "me/messages";

// Built once per client: the URLs are read, never changed.
const batchUrls = new WeakMap<GraphContext, { batch: URL; item: URL }>();
// Clients whose Graph server refused a batch call as a whole: they send one call per message.
const batchRefused = new WeakSet<GraphContext>();

/**
 * Sends up to 50 texts with one Page token in one Graph batch call (`POST /{version}/`,
 * MESSENGER.md §6): one result per request, in order, each what `sendMessage` would give for
 * it alone. A batch call that fails gives every request its error (a timeout: every outcome
 * unknown). Facebook runs the requests in parallel, so two to the same person may arrive in
 * either order. A server that refuses the batch call itself (no such endpoint, an invalid
 * parameter: nothing in it ran) gets the requests one call each, now and from then on.
 * Never throws for Facebook's answers; rejects more than 50 requests with a RangeError before
 * any call.
 */
export async function sendMessages(
  ctx: GraphContext,
  pageToken: string,
  requests: readonly SendMessageRequest[],
): Promise<SendResult[]> {
  if (requests.length > GRAPH_BATCH_LIMIT) {
    throw new RangeError(`a Graph batch carries at most ${GRAPH_BATCH_LIMIT} requests`);
  }
  if (requests.length === 0) return [];
  if (batchRefused.has(ctx)) return sendEachAlone(ctx, pageToken, requests);
  let urls = batchUrls.get(ctx);
  if (urls === undefined) {
    urls = { batch: graphUrl(ctx, ""), item: graphUrl(ctx, SEND_PATH) };
    batchUrls.set(ctx, urls);
  }
  const batch = requests.map((request) => ({
    method: "POST",
    relative_url: SEND_PATH,
    body: sendMessageForm(request),
  }));
  const started = performance.now();
  const answer = await callGraph(ctx, {
    method: "POST",
    url: urls.batch,
    accessToken: pageToken,
    form: { include_headers: "false", batch: JSON.stringify(batch) },
    idempotent: false,
  });
  if (refusedAsAWhole(answer)) {
    // callGraph logged the refusal.
    batchRefused.add(ctx);
    return sendEachAlone(ctx, pageToken, requests);
  }
  const answers = readBatchAnswer(answer, requests.length, false);
  if (ctx.logger && answer.ok) {
    // The batch call was logged; each request in it is a Send API call of its own.
    const durationMs = Math.round(performance.now() - started);
    for (const item of answers) {
      const status = item.ok ? item.status : item.error.httpStatus;
      logGraphCall(ctx, { method: "POST", url: urls.item, durationMs, status }, item);
    }
  }
  return answers.map(sendResult);
}

/**
 * The batch call was turned away before any request in it ran: a 4xx that is neither about the
 * token nor a rate limit (those apply to single calls too and are the requests' own outcome).
 */
function refusedAsAWhole(answer: GraphAnswer): answer is Extract<GraphAnswer, { ok: false }> {
  if (answer.ok) return false;
  const { error } = answer;
  if (error.kind === "graph") return error.classification === "bad_request";
  return error.reason === "bad_response" && (error.httpStatus === 404 || error.httpStatus === 405);
}

function sendEachAlone(
  ctx: GraphContext,
  pageToken: string,
  requests: readonly SendMessageRequest[],
): Promise<SendResult[]> {
  return Promise.all(requests.map((request) => sendMessage(ctx, { pageToken, ...request })));
}
