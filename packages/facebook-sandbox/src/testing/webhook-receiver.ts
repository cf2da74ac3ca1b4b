import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One `messaging[]` event as it arrived, with the index of the POST that carried it. */
export interface ReceivedEvent {
  post: number;
  sender?: { id: string };
  recipient?: { id: string };
  timestamp?: number;
  message?: { mid?: string; text?: string; is_echo?: boolean };
  optin?: Record<string, unknown>;
  delivery?: { mids?: string[]; watermark: number };
  read?: { watermark: number };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A real HTTP server standing in for Waymark's webhook endpoint. */
export async function startWebhookReceiver() {
  const requests: ReceivedRequest[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        raw: Buffer.concat(chunks),
      });
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET") {
        const ok = url.searchParams.get("hub.verify_token") === "verify-me";
        res.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get("hub.challenge") ?? "") : "");
        return;
      }
      res.writeHead(statuses.shift() ?? 200).end("EVENT_RECEIVED");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/messenger`,
    requests,
    /** Statuses to answer the next POSTs with, in order (then 200). */
    failNext(...codes: number[]) {
      statuses.push(...codes);
    },
    posts: () => requests.filter((r) => r.method === "POST"),
    /** Every messaging event received, in arrival order. */
    events(): ReceivedEvent[] {
      return requests
        .filter((r) => r.method === "POST")
        .flatMap((r, post) => {
          const body = JSON.parse(r.raw.toString("utf8")) as {
            entry: Array<{ messaging: Array<Omit<ReceivedEvent, "post">> }>;
          };
          return body.entry.flatMap((e) => e.messaging.map((m) => ({ ...m, post })));
        });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
