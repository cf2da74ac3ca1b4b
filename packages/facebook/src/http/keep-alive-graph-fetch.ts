import { keepAliveFetch } from "@waymark/http";
import type { Dispatcher } from "undici";
import type { GraphFetch } from "../graph/graph-fetch";

/**
 * The Graph client's transport over `undici.request` on a keep-alive dispatcher (e.g.
 * `new Agent({ keepAliveTimeout: 30_000, connections: 64 })`). It follows no redirects: the
 * Graph API answers directly. Compared with `fetch` on the same Agent it takes about half the
 * CPU per Send API call (`bench/client-sandbox-bench.ts`).
 */
export function keepAliveGraphFetch(dispatcher: Dispatcher): GraphFetch {
  return keepAliveFetch(dispatcher);
}
