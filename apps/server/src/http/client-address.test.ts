import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_ADDRESS } from "./client-address";

/** The address the app would throttle, for a request from `socket` with these headers. */
async function addressSeen(trustedProxies: number, socket?: string, forwardedFor?: string) {
  const app = new Hono().get("/", (c) => c.text(clientAddress(c, trustedProxies)));
  const res = await app.request(
    "/",
    { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} },
    socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined,
  );
  return res.text();
}

describe("clientAddress", () => {
  it("is the socket's peer, whatever X-Forwarded-For says, with no trusted proxy", async () => {
    expect(await addressSeen(0, "203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
  });

  it("behind one proxy is the entry it appended, not what the client forged before it", async () => {
    expect(await addressSeen(1, "10.0.0.2", "1.2.3.4, 198.51.100.9")).toBe("198.51.100.9");
  });

  it("behind two proxies is the entry the outer one appended", async () => {
    expect(await addressSeen(2, "10.0.0.2", "1.2.3.4, 198.51.100.9, 10.0.0.1")).toBe(
      "198.51.100.9",
    );
  });

  it("falls back to the furthest known hop when the header is shorter than the proxy count", async () => {
    expect(await addressSeen(3, "10.0.0.2", "198.51.100.9")).toBe("198.51.100.9");
    expect(await addressSeen(1, "10.0.0.2")).toBe("10.0.0.2");
  });

  it("is 'unknown' for a request without a socket (app.request without bindings)", async () => {
    expect(await addressSeen(0)).toBe(UNKNOWN_ADDRESS);
  });
});
