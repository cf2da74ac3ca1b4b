import type { FacebookLogger } from "./facebook-logger";
import type { GraphFetch } from "./graph-fetch";

/** Everything a Graph call needs, resolved once by createFacebookClient. */
export interface GraphContext {
  graphApiUrl: string;
  dialogUrl: string;
  version: string;
  appId: string;
  appSecret: string;
  fetch: GraphFetch;
  /** The `appsecret_proof` for a token (remembered per token). */
  proof: (accessToken: string) => string;
  timeoutMs: number;
  maxPages: number;
  logger?: FacebookLogger;
}

/** `{graphApiUrl}/{version}/{path}` with the given query parameters (path segments pre-encoded). */
export function graphUrl(
  ctx: Pick<GraphContext, "graphApiUrl" | "version">,
  path: string,
  query: Record<string, string> = {},
): URL {
  const url = new URL(`${ctx.graphApiUrl}/${ctx.version}/${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}
