import { createServer } from "node:http";
import { createFacebookClient, GRAPH_BATCH_LIMIT, keepAliveGraphFetch } from "@waymark/facebook";
import { createGraphDispatcher } from "../src/lib/graph-dispatcher";
import { APP_ID, APP_SECRET, sandboxAdmin } from "./e2e-setup";

/**
 * The run's ceiling: the sandbox's own ingest rate for the same sends with no engine in front.
 * Waymark's Graph client posts the same Graph batches (up to 50 texts, one Page token each,
 * the same personalised text to the same PSIDs) with `concurrency` batch calls in flight,
 * round-robin over the pages. Returns accepted sends per second.
 */
export async function measureCeiling(input: {
  sandboxUrl: string;
  userId: string;
  pageIds: string[];
  contacts: number;
  concurrency: number;
}): Promise<{
  perSecond: number;
  accepted: number;
  seconds: number;
  refused: Record<string, number>;
}> {
  const dispatcher = createGraphDispatcher();
  const facebook = createFacebookClient({
    graphApiUrl: input.sandboxUrl,
    dialogUrl: input.sandboxUrl,
    version: "v25.0",
    appId: APP_ID,
    appSecret: APP_SECRET,
    fetch: keepAliveGraphFetch(dispatcher),
    timeoutMs: 15_000,
  });
  const tokens = await Promise.all(
    input.pageIds.map(async (pageId) => {
      const { pageToken } = await sandboxAdmin<{ pageToken: string }>(input.sandboxUrl, "/tokens", {
        userId: input.userId,
        pageId,
      });
      return pageToken;
    }),
  );
  const P = input.pageIds.length;
  // Contact n is on page (n - 1) mod P: page p's k-th contact is n = p + 1 + k·P.
  const perPage = (p: number) => Math.floor((input.contacts - 1 - p) / P) + 1;
  const calls: { page: number; from: number; count: number }[] = [];
  for (let p = 0; p < P; p++) {
    for (let k = 0; k < perPage(p); k += GRAPH_BATCH_LIMIT) {
      calls.push({ page: p, from: k, count: Math.min(GRAPH_BATCH_LIMIT, perPage(p) - k) });
    }
  }
  // Round-robin over the pages, as the engine's claims take every page's due messages.
  calls.sort((a, b) => a.from - b.from || a.page - b.page);
  let next = 0;
  let accepted = 0;
  const refused = new Map<number | string, number>();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < calls.length) {
        const call = calls[next++]!;
        const requests = Array.from({ length: call.count }, (_, j) => {
          const n = call.page + 1 + (call.from + j) * P;
          return {
            psid: String(3_000_000_000_000_000 + n),
            text: `Hi Ann${n}`,
            messagingType: "RESPONSE" as const,
            metadata: "ceiling",
          };
        });
        const results = await facebook.sendMessages(tokens[call.page]!, requests);
        for (const r of results) {
          if (r.ok) accepted++;
          else {
            const key = r.error.kind === "graph" ? r.error.code : r.error.reason;
            refused.set(key, (refused.get(key) ?? 0) + 1);
          }
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await dispatcher.close();
  return { perSecond: accepted / seconds, accepted, seconds, refused: Object.fromEntries(refused) };
}

/**
 * A webhook receiver that answers 200 at once, on Waymark's port while Waymark is stopped,
 * so the sandbox does the same webhook work during the ceiling as during the engine's run.
 */
export async function webhookSink(port: number) {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { close: () => new Promise((resolve) => server.close(resolve)) };
}
