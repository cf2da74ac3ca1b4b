import type { FacebookLogger } from "./facebook-logger";

/** Everything a Graph call needs, resolved once by createFacebookClient. */
export interface GraphContext {
  graphApiUrl: string;
  dialogUrl: string;
  version: string;
  appId: string;
  appSecret: string;
  fetch: (url: URL, init: RequestInit) => Promise<Response>;
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
