import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { successResult } from "./success-result";

/** Removes the app's webhook subscription from the Page (`DELETE /{page-id}/subscribed_apps`). */
export async function unsubscribeApp(
  ctx: GraphContext,
  pageId: string,
  pageToken: string,
): Promise<FacebookResult> {
  const url = graphUrl(ctx, `${encodeURIComponent(pageId)}/subscribed_apps`);
  return successResult(
    await callGraph(ctx, { method: "DELETE", url, accessToken: pageToken, idempotent: true }),
  );
}
