import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Driver } from "@waymark/db";
import type { FacebookSandboxOptions } from "../options";
import { createHarness, type PageSetup } from "./test-harness";
import { startWebhookReceiver } from "./webhook-receiver";

/**
 * The test harness over real sockets: the sandbox served by `@hono/node-server` (as Waymark
 * serves it) and a real webhook receiver, so faults on connections and arrival order show.
 */
export async function createHttpHarness(
  driver: Driver,
  overrides: Partial<FacebookSandboxOptions> = {},
) {
  const receiver = await startWebhookReceiver();
  const h = await createHarness(driver, {
    webhookUrl: receiver.url,
    fetch: (input, init) => globalThis.fetch(input, init),
    deliveryDelayMs: 20,
    ...overrides,
  });
  const server = serve({
    fetch: (request, env) => h.app.fetch(request, env),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  return {
    h,
    receiver,
    base,
    /** POSTs JSON to a sandbox path (an admin route, or a Graph path with its query). */
    post,
    /** A Send API call over HTTP for a Page setup. */
    send(setup: PageSetup, body: unknown) {
      return post(
        `/v25.0/me/messages?access_token=${setup.token}&appsecret_proof=${setup.proof}`,
        body,
      );
    },
    /** A Graph batch of Send API calls over HTTP, with the Page token on the outer call. */
    batch(setup: PageSetup, bodies: unknown[]) {
      const batch = bodies.map((b) => ({
        method: "POST",
        relative_url: "me/messages",
        body: new URLSearchParams(
          Object.entries(b as Record<string, unknown>).map(([k, v]): [string, string] => [
            k,
            typeof v === "string" ? v : JSON.stringify(v),
          ]),
        ).toString(),
      }));
      return post("/v25.0/", { access_token: setup.token, appsecret_proof: setup.proof, batch });
    },
    async close() {
      (server as Server).closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await h.close();
      await receiver.close();
    },
  };
}

export type HttpHarness = Awaited<ReturnType<typeof createHttpHarness>>;
