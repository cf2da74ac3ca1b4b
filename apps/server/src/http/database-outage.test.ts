import { createHmac } from "node:crypto";
import { openDatabase } from "@waymark/db";
import { openTestDatabase, type TestDatabase } from "@waymark/db/testing";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../config";
import { createRuntime, type Runtime } from "../runtime";
import { TcpProxy } from "../testing/tcp-proxy";
import { TEST_ORIGIN, TEST_SECRET_KEY, TestBrowser } from "../testing/test-app";
import { errorHandler } from "./error-handler";

describe("a database that cannot be reached", () => {
  it("is answered 503 with Retry-After, not 500", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const app = new Hono()
      .get("/", () => {
        throw new DrizzleQueryError("select 1", [], refused);
      })
      .onError(errorHandler);
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const res = await app.request("/");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({
        error: { code: "database_unavailable", message: expect.stringContaining("try again") },
      });
    } finally {
      warned.mockRestore();
    }
  });
});

// PGlite lives in the process and cannot go away; PostgreSQL is reached through a proxy the
// test cuts and restores, as a database restart or a network cut looks to the app.
describe.skipIf(!process.env.TEST_DATABASE_URL)("a PostgreSQL outage", () => {
  let scratch: TestDatabase;
  let proxy: TcpProxy;
  let runtime: Runtime;
  let close: () => Promise<void>;
  beforeAll(async () => {
    scratch = await openTestDatabase("postgres", [sandboxMigrations]);
    const direct = new URL(scratch.url!);
    proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const through = new URL(direct);
    through.hostname = "127.0.0.1";
    through.port = String(await proxy.open());
    const database = await openDatabase({ url: through.toString(), maxConnections: 4 });
    const config = loadConfig({ PUBLIC_URL: TEST_ORIGIN, ENGINE: "off" });
    runtime = createRuntime({ config, secretKey: TEST_SECRET_KEY, database });
    close = async () => {
      await runtime.stop();
      await database.close();
    };
  });
  afterAll(async () => {
    await close?.();
    await proxy?.close();
    await scratch?.close();
  });

  it("answers 503 with Retry-After while it lasts, and the first request after it succeeds", {
    timeout: 30_000,
  }, async () => {
    const browser = new TestBrowser(runtime.app);
    await browser.signUp("Outage");
    expect((await browser.request("GET", "/api/contacts")).status).toBe(200);

    await proxy.close();
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // A 4-second outage with a request every 200 ms, as traffic during a real one would be.
      for (let i = 0; i < 20; i++) {
        const res = await browser.request("GET", "/api/contacts");
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("5");
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
          "database_unavailable",
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const health = await browser.request("GET", "/api/health");
      expect(health.status).toBe(503);
      expect(health.headers.get("retry-after")).toBe("5");
      // Facebook gets the same answer and redelivers later.
      const webhook = await signedWebhook(runtime);
      expect(webhook.status).toBe(503);
      expect(webhook.headers.get("retry-after")).toBe("5");
    } finally {
      warned.mockRestore();
    }

    await proxy.open();
    const started = performance.now();
    const first = await browser.request("GET", "/api/contacts");
    expect(first.status).toBe(200);
    // postgres.js's default backoff kept reconnecting seconds (up to 20 s) after the outage.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await browser.request("GET", "/api/health")).status).toBe(200);
  });
});

function signedWebhook(runtime: Runtime) {
  const time = Date.now();
  const delivery = { mids: ["m_1"], watermark: time };
  const messaging = [{ sender: { id: "1" }, recipient: { id: "2" }, timestamp: time, delivery }];
  const body = JSON.stringify({ object: "page", entry: [{ id: "2", time, messaging }] });
  const signature = createHmac("sha256", runtime.deps.webhook.appSecret).update(body).digest("hex");
  return runtime.app.request(`${TEST_ORIGIN}/webhooks/messenger`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` },
    body,
  });
}
