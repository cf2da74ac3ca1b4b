import { Hono } from "hono";

/** Liveness and what this process runs on. */
export function healthRoutes(info: { database: string; facebook: string; engine: boolean }) {
  return new Hono().get("/", (c) => c.json({ status: "ok" as const, ...info }));
}
