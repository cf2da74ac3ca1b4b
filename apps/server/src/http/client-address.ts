import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** The address used when a request has no socket (app.request in tests without bindings). */
export const UNKNOWN_ADDRESS = "unknown";

interface NodeBindings {
  incoming?: { socket?: unknown };
}

function socketAddress(c: Context): string {
  const env = c.env as (NodeBindings & { server?: NodeBindings }) | undefined;
  if (!(env?.server ?? env)?.incoming?.socket) return UNKNOWN_ADDRESS;
  return getConnInfo(c).remote.address ?? UNKNOWN_ADDRESS;
}

/**
 * The client's address: the socket's peer, or, behind `trustedProxies` reverse proxies, the
 * address the outermost of them saw, counted from the right of X-Forwarded-For (entries further
 * left come from the client and can be forged).
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  const socket = socketAddress(c);
  if (trustedProxies === 0) return socket;
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse();
  const chain = [socket, ...forwarded];
  return chain[Math.min(trustedProxies, chain.length - 1)] ?? socket;
}
