import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Driver } from "@waymark/db";
import { openTestDatabase, type TestDatabase } from "@waymark/db/testing";
import {
  createFacebookSandbox,
  type FacebookSandbox,
  type FacebookSandboxOptions,
  sandboxMigrations,
} from "@waymark/facebook-sandbox";
import { Hono } from "hono";
import { Agent } from "undici";
import {
  createFacebookClient,
  type FacebookClient,
  type FacebookClientConfig,
  type FacebookPage,
  type GraphFetch,
  keepAliveGraphFetch,
  parseWebhookEvents,
  verifySignature,
  verifyWebhookHandshake,
  type WebhookEvent,
} from "../../src/index";

export const APP_ID = "1357913579135";
export const APP_SECRET = "contract-test-app-secret";
export const VERIFY_TOKEN = "contract-verify-token";
export const VERSION = "v25.0";
/** Where the sandbox is mounted, as Waymark mounts it in sandbox mode. */
export const MOUNT = "/fb-sandbox";

/** One webhook POST as it arrived at the receiver, bytes untouched. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** The client's `verifySignature` over `raw` with the app secret. */
  verified: boolean;
  /** `parseWebhookEvents(JSON.parse(raw))`'s events, when verified. */
  events: WebhookEvent[];
}

/** A tiny stand-in for Waymark's webhook endpoint that verifies and parses with the client. */
export interface WebhookReceiver {
  url: string;
  posts: ReceivedWebhook[];
  handshakes: number;
  /** Every event of every verified POST, in arrival order. */
  events(): WebhookEvent[];
  /** Answers the next POSTs with these statuses (then 200 again). */
  failNext(...statuses: number[]): void;
  /** Resolves with the first event matching `match`, polling until `timeoutMs`. */
  waitForEvent<E extends WebhookEvent>(
    match: (event: WebhookEvent) => event is E,
    timeoutMs?: number,
  ): Promise<E>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posts: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  let handshakes = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://receiver.invalid");
      if (req.method === "GET") {
        handshakes++;
        const challenge = verifyWebhookHandshake(url.searchParams, VERIFY_TOKEN);
        res.writeHead(challenge === null ? 403 : 200, { "content-type": "text/plain" });
        res.end(challenge ?? "");
        return;
      }
      const raw = Buffer.concat(chunks);
      const header = req.headers["x-hub-signature-256"];
      const verified = verifySignature(
        raw,
        typeof header === "string" ? header : undefined,
        APP_SECRET,
      );
      let events: WebhookEvent[] = [];
      if (verified) {
        const parsed = parseWebhookEvents(JSON.parse(raw.toString("utf8")));
        if (parsed.ok) events = parsed.events;
      }
      posts.push({ headers: req.headers, raw, verified, events });
      res.writeHead(verified ? (statuses.shift() ?? 200) : 401).end("EVENT_RECEIVED");
    });
  });
  const port = await listen(server);
  const events = () => posts.flatMap((p) => p.events);
  return {
    url: `http://127.0.0.1:${port}/webhooks/messenger`,
    posts,
    get handshakes() {
      return handshakes;
    },
    events,
    failNext(...codes) {
      statuses.push(...codes);
    },
    async waitForEvent(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events().find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no matching webhook event within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => closeServer(server),
  };
}

/** The sandbox on a real loopback port, the client pointed at it, a webhook receiver, a clock. */
export interface ContractHarness {
  /** `http://127.0.0.1:{port}/fb-sandbox`: Graph base URL and Login dialog base URL. */
  baseUrl: string;
  sandbox: FacebookSandbox;
  client: FacebookClient;
  receiver: WebhookReceiver;
  /** Every URL the client fetched, in order. */
  requests: URL[];
  /** A second client on the same sandbox, with other settings (e.g. a short timeout). */
  clientWith(overrides: Partial<FacebookClientConfig>): FacebookClient;
  now(): number;
  advance(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts the sandbox (mounted at `/fb-sandbox` like Waymark does) with `@hono/node-server` on
 * a free loopback port, on a fresh `driver` test database, with an injected clock.
 */
export async function startContractHarness(
  driver: Driver,
  overrides: Partial<FacebookSandboxOptions> = {},
): Promise<ContractHarness> {
  const receiver = await startWebhookReceiver();
  const db: TestDatabase = await openTestDatabase(driver, [sandboxMigrations]);
  const root = new Hono();
  const server = serve({ fetch: (req) => root.fetch(req), port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;
  let clock = Date.now();
  const sandbox = createFacebookSandbox({
    db: db.db,
    appId: APP_ID,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    webhookUrl: receiver.url,
    publicUrl: baseUrl,
    now: () => new Date(clock),
    deliveryDelayMs: 20,
    webhookRetry: { baseDelayMs: 20, maxAttempts: 4, timeoutMs: 5_000 },
    ...overrides,
  });
  root.route(MOUNT, sandbox.app);
  await sandbox.start();

  const requests: URL[] = [];
  // Waymark's own transport, as apps/server/src/runtime.ts builds it.
  const pool = new Agent({ keepAliveTimeout: 5_000 });
  const transport = keepAliveGraphFetch(pool);
  const recordingFetch: GraphFetch = (url, init) => {
    requests.push(new URL(url));
    return transport(url, init);
  };
  const config: FacebookClientConfig = {
    graphApiUrl: baseUrl,
    dialogUrl: baseUrl,
    version: VERSION,
    appId: APP_ID,
    appSecret: APP_SECRET,
    fetch: recordingFetch,
    timeoutMs: 5_000,
  };
  return {
    baseUrl,
    sandbox,
    client: createFacebookClient(config),
    receiver,
    requests,
    clientWith: (more) => createFacebookClient({ ...config, ...more }),
    now: () => clock,
    advance(ms) {
      clock += ms;
    },
    async close() {
      await sandbox.stop();
      await pool.close();
      await closeServer(server as Server);
      await receiver.close();
      await db.close();
    },
  };
}

/** A Page connected the way Waymark connects one, and a person opted in to it. */
export interface ConnectedPage {
  userId: string;
  pageId: string;
  pageToken: string;
  personId: string;
  psid: string;
}

let counter = 0;

/**
 * Adds a user who is Admin of a new Page, lists it through the client (its Page token),
 * subscribes the app through the client, and opts a new person in (Send to Messenger).
 */
export async function connectPage(
  h: ContractHarness,
  input: { policyVersion?: "2018" | "2020"; ref?: string } = {},
): Promise<ConnectedPage> {
  counter++;
  const { user, pages } = await h.sandbox.admin.addUser({
    name: `Contract Admin ${counter}`,
    pages: [
      { name: `Contract Page ${counter}`, role: "Admin", policyVersion: input.policyVersion },
    ],
  });
  const pageId = pages[0]!.id;
  const userToken = await h.sandbox.admin.issueUserToken({ userId: user.id });
  const page = await pageOf(h.client, userToken, pageId);
  const subscribed = await h.client.subscribeApp(pageId, page.accessToken!);
  if (!subscribed.ok) throw new Error(`subscribeApp failed: ${subscribed.error.message}`);
  const person = await h.sandbox.admin.addPerson({ firstName: "Zoë", lastName: `N${counter}` });
  const { psid } = await h.sandbox.admin.optIn({
    personId: person.id,
    pageId,
    ref: input.ref ?? `contract-${counter}`,
  });
  return { userId: user.id, pageId, pageToken: page.accessToken!, personId: person.id, psid };
}

/** The Page `pageId` from the client's `listPages`, failing the test when it is absent. */
export async function pageOf(
  client: FacebookClient,
  userToken: string,
  pageId: string,
): Promise<FacebookPage> {
  const listed = await client.listPages(userToken);
  if (!listed.ok) throw new Error(`listPages failed: ${listed.error.message}`);
  const page = listed.pages.find((p) => p.id === pageId);
  if (!page?.accessToken) throw new Error(`page ${pageId} not listed with a token`);
  return page;
}
