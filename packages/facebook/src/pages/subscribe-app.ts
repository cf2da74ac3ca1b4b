import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { successResult } from "./success-result";
import { WEBHOOK_FIELDS } from "./webhook-fields";

/** Subscribes the app to the Page's Messenger webhooks (`POST /{page-id}/subscribed_apps`, MESSENGER.md §5.4). */
export async function subscribeApp(
  ctx: GraphContext,
  pageId: string,
  pageToken: string,
): Promise<FacebookResult> {
  const url = graphUrl(ctx, `${encodeURIComponent(pageId)}/subscribed_apps`, {
    subscribed_fields: WEBHOOK_FIELDS.join(","),
  });
  // Subscribing twice changes nothing, so an ambiguous failure may simply be repeated.
  return successResult(
    await callGraph(ctx, { method: "POST", url, accessToken: pageToken, idempotent: true }),
  );
}
