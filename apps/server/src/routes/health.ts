import { Hono } from "hono";
import type { ServiceDeps } from "../services/context";
import { pingDatabase } from "../services/health/ping-database";

/**
 * What this process runs on, once the database answered: a load balancer or a start-up script
 * polling it sees 503 with `Retry-After` while the database cannot be reached.
 */
export function healthRoutes(
  deps: Pick<ServiceDeps, "db">,
  info: { database: string; facebook: string; engine: boolean },
) {
  return new Hono().get("/", async (c) => {
    await pingDatabase(deps);
    return c.json({ status: "ok" as const, ...info });
  });
}
