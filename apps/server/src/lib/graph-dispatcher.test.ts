import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { keepAliveGraphFetch } from "@waymark/facebook";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGraphDispatcher } from "./graph-dispatcher";

describe("the Graph dispatcher on a keep-alive connection the server drops", () => {
  let server: Server;
  let url: string;
  let requests: string[] = [];
  let dropNext = false;
  beforeAll(async () => {
    // Drops the connection of the request after `dropNext` is set, as a server does when its
    // idle timeout fires just as the client reuses the connection.
    server = createServer((req, res) => {
      requests.push(req.method ?? "");
      if (dropNext) {
        dropNext = false;
        req.socket.destroy();
        return;
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v25.0/me/accounts`;
  });
  beforeEach(() => {
    requests = [];
    dropNext = true;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = (dispatcher: Parameters<typeof keepAliveGraphFetch>[0], method: "GET" | "POST") =>
    keepAliveGraphFetch(dispatcher)(url, {
      method,
      headers: {},
      signal: AbortSignal.timeout(5000),
    });

  it("sends a GET again on a fresh connection", async () => {
    const dispatcher = createGraphDispatcher();
    const answer = await call(dispatcher, "GET");
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('{"ok":true}');
    expect(requests).toEqual(["GET", "GET"]);
    await dispatcher.close();
  });

  it("fails such a GET without the retry (what the fuzz met as a 502)", async () => {
    const plain = new Agent({ keepAliveTimeout: 30_000 });
    await expect(call(plain, "GET")).rejects.toThrow();
    await plain.close();
  });

  it("never sends a POST twice", async () => {
    const dispatcher = createGraphDispatcher();
    await expect(call(dispatcher, "POST")).rejects.toThrow();
    expect(requests).toEqual(["POST"]);
    await dispatcher.close();
  });
});
