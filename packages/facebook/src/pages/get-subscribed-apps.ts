import { z } from "zod";
import type { FacebookResult } from "../graph/facebook-error";
import { getGraph } from "../graph/get-graph";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { graphIdSchema } from "../graph/graph-id-schema";

/** One app subscribed to a Page's webhooks. */
export interface SubscribedApp {
  id: string;
  name?: string;
  subscribedFields: string[];
}

const subscribedAppsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: graphIdSchema,
      name: z.string().optional().catch(undefined),
      subscribed_fields: z.array(z.string()).optional().catch(undefined),
    }),
  ),
});

/** Lists the apps subscribed to the Page and their fields (`GET /{page-id}/subscribed_apps`). */
export async function getSubscribedApps(
  ctx: GraphContext,
  pageId: string,
  pageToken: string,
): Promise<FacebookResult<{ apps: SubscribedApp[] }>> {
  const url = graphUrl(ctx, `${encodeURIComponent(pageId)}/subscribed_apps`);
  const answer = await getGraph(
    ctx,
    url,
    pageToken,
    subscribedAppsSchema,
    "Facebook's subscribed_apps answer has no data array",
  );
  if (!answer.ok) return answer;
  const apps = answer.body.data.map(({ id, name, subscribed_fields }) => ({
    id,
    ...(name === undefined ? {} : { name }),
    subscribedFields: subscribed_fields ?? [],
  }));
  return { ok: true, apps };
}
