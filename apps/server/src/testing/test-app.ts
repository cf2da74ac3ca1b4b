import { createServer } from "node:net";
import { serve } from "@hono/node-server";
import type { Driver } from "@waymark/db";
import { openTestDatabase, type TestDatabase } from "@waymark/db/testing";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { loadConfig } from "../config";
import { createRuntime } from "../runtime";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** The SECRET_KEY every test runtime (and worker process it starts) uses. */
export const TEST_SECRET_KEY = "t".repeat(64);

export interface TestAppOptions {
  now?: () => Date;
  /** Extra environment (SPEC §12 variables), e.g. to point at another Facebook. */
  env?: Record<string, string>;
  /** Run the background loops (webhook inbox…); off by default so tests drive them. */
  engine?: boolean;
}

/**
 * The whole runtime on a fresh migrated database, listening on a free loopback port so the
 * Facebook client reaches the mounted sandbox, and the sandbox Waymark's webhook, over real HTTP.
 * Tests drive it through `app.request()` or real `fetch` to `url`.
 */
export async function createTestApp(driver: Driver, options: TestAppOptions = {}) {
  const database: TestDatabase = await openTestDatabase(driver, [sandboxMigrations]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: url,
    ENGINE: options.engine ? "on" : "off",
    ...options.env,
  });
  const runtime = createRuntime({ config, secretKey: TEST_SECRET_KEY, database, now: options.now });
  const server = serve({ fetch: runtime.app.fetch, port, hostname: "127.0.0.1" });
  await runtime.start();
  return {
    app: runtime.app,
    runtime,
    url,
    database,
    db: database.db,
    close: async () => {
      await runtime.stop();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export { TEST_ORIGIN, TestBrowser } from "./test-browser";
