import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepAliveFetch } from "./keep-alive-fetch";

let server: Server;
let base: string;
const agent = new Agent({ keepAliveTimeout: 30_000 });
const seen: { method?: string; body: string; type?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ method: req.method, body, type: req.headers["content-type"] });
      if (req.url === "/moved") {
        res.writeHead(302, { location: "/elsewhere" });
        res.end();
        return;
      }
      res.writeHead(201, [
        ["x-note", "a"],
        ["x-note", "b"],
        ["Retry-After", "7"],
      ]);
      res.end("EVENT_RECEIVED");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("keepAliveFetch", () => {
  it("posts the body and answers the status, headers by any case (repeats joined) and text", async () => {
    const post = keepAliveFetch(agent);
    const answer = await post(`${base}/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
      signal: AbortSignal.timeout(5_000),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("X-Note")).toBe("a, b");
    expect(answer.headers.get("retry-after")).toBe("7");
    expect(answer.headers.get("absent")).toBeNull();
    expect(await answer.text()).toBe("EVENT_RECEIVED");
    expect(seen.at(-1)).toEqual({ method: "POST", body: '{"a":1}', type: "application/json" });
  });

  it("follows no redirect", async () => {
    const answer = await keepAliveFetch(agent)(`${base}/moved`, {
      method: "GET",
      headers: {},
      signal: AbortSignal.timeout(5_000),
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/elsewhere");
  });
});
