import { createServer, type Server } from "node:http";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFacebookClient } from "../create-facebook-client";
import { keepAliveGraphFetch } from "../http/keep-alive-graph-fetch";
import type { GraphFetch } from "./graph-fetch";

// Waymark's transport and Node's own fetch against a local server: the failure classes on real sockets.
let server: Server;
let base: string;
let closedPortBase: string;

function urlOf(listening: Server): string {
  const address = listening.address();
  if (address === null || typeof address === "string") throw new Error("not listening on TCP");
  return `http://127.0.0.1:${address.port}`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/hang")) return;
    if (req.url?.includes("/slow-body")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"recipient_id":"1",');
      return;
    }
    if (req.url?.startsWith("/rate-limited")) {
      res.writeHead(400, [
        ["content-type", "application/json"],
        ["retry-after", "7"],
        ["x-note", "a"],
        ["x-note", "b"],
      ]);
      res.end(
        JSON.stringify({ error: { message: "Too many calls", type: "OAuthException", code: 4 } }),
      );
      return;
    }
    if (req.url?.startsWith("/reset")) {
      req.socket.destroy();
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ recipient_id: "1", message_id: "m_1" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = urlOf(server);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  closedPortBase = urlOf(closed);
  await new Promise((resolve) => closed.close(resolve));
});

const pool = new Agent({ keepAliveTimeout: 1_000 });

afterAll(async () => {
  await pool.close();
  server.closeAllConnections();
  server.close();
});

const transports: [string, GraphFetch][] = [
  ["keepAliveGraphFetch", keepAliveGraphFetch(pool)],
  ["Node's fetch", fetch],
];

describe.each(transports)("sendMessage over real sockets with %s", (_name, transport) => {
  const send = (graphApiUrl: string) =>
    createFacebookClient({
      graphApiUrl,
      dialogUrl: graphApiUrl,
      version: "v25.0",
      appId: "1",
      appSecret: "s",
      fetch: transport,
      timeoutMs: 200,
    }).sendMessage({ pageToken: "T", psid: "1", text: "x", messagingType: "UPDATE" });

  it("succeeds", async () => {
    expect(await send(base)).toEqual({ ok: true, messageId: "m_1", recipientId: "1" });
  });

  it("is retry when the port refuses the connection", async () => {
    expect(await send(closedPortBase)).toMatchObject({
      ok: false,
      error: { kind: "retry", reason: "connect_failed" },
    });
  });

  it("is unknown when the server never answers", async () => {
    expect(await send(`${base}/hang`)).toMatchObject({
      ok: false,
      error: { kind: "unknown", reason: "timeout" },
    });
  });

  it("is unknown when the server drops the connection after receiving the request", async () => {
    expect(await send(`${base}/reset`)).toMatchObject({
      ok: false,
      error: { kind: "unknown", reason: "network" },
    });
  });

  it("is unknown when the answer's body stalls after a 200", async () => {
    expect(await send(`${base}/slow-body`)).toMatchObject({
      ok: false,
      error: { kind: "unknown", reason: "timeout" },
    });
  });

  it("reads Graph's error and its Retry-After header", async () => {
    expect(await send(`${base}/rate-limited`)).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 4, classification: "retry", retryAfterMs: 7_000 },
    });
  });
});
