import { callGraph } from "../graph/call-graph";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { type SendMessageRequest, sendMessageParams } from "./send-message-request";
import { type SendResult, sendResult } from "./send-result";

/** A text message to one PSID with the Page token it goes out with. */
export type SendMessageInput = { pageToken: string } & SendMessageRequest;

// Built once per client: the URL is read, never changed, by callGraph.
const sendUrls = new WeakMap<GraphContext, URL>();

/**
 * Sends a text through the Send API (`POST /{version}/me/messages`, MESSENGER.md §1). Never
 * throws; an error of classification `unknown` means Facebook may have sent it: do not resend.
 */
export async function sendMessage(ctx: GraphContext, input: SendMessageInput): Promise<SendResult> {
  let url = sendUrls.get(ctx);
  if (url === undefined) {
    url = graphUrl(ctx, "me/messages");
    sendUrls.set(ctx, url);
  }
  const answer = await callGraph(ctx, {
    method: "POST",
    url,
    accessToken: input.pageToken,
    json: sendMessageParams(input),
    idempotent: false,
  });
  return sendResult(answer);
}
