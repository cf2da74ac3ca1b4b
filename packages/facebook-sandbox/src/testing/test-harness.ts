import type { Driver } from "@waymark/db";
import { openTestDatabase, type TestDatabase } from "@waymark/db/testing";
import { createFacebookSandbox, type FacebookSandbox } from "../create-facebook-sandbox";
import type { PolicyVersion } from "../domain/policy";
import { sandboxMigrations } from "../migrations";
import type { FacebookSandboxOptions } from "../options";
import { appSecretProof } from "../state/app-secret-proof";

export const APP_ID = "1234567890123";
export const APP_SECRET = "sandbox-test-secret";
export const PUBLIC_URL = "http://sandbox.test/fb-sandbox";
export const WEBHOOK_URL = "http://waymark.test/webhooks/messenger";

export interface CapturedWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A messaging-ready Page: an Admin user, a Page token, and one opted-in person. */
export interface PageSetup {
  userId: string;
  pageId: string;
  token: string;
  proof: string;
  personId: string;
  psid: string;
}

/** A sandbox on a fresh test database, with a settable clock and captured webhooks. */
export async function createHarness(
  driver: Driver,
  overrides: Partial<FacebookSandboxOptions> = {},
) {
  const db: TestDatabase = await openTestDatabase(driver, [sandboxMigrations]);
  let clock = Date.parse("2025-03-01T09:00:00Z");
  const webhooks: CapturedWebhook[] = [];
  let webhookStatus = 200;
  const fetchStub: typeof fetch = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    webhooks.push({ url: String(input), headers, body: String(init?.body ?? "") });
    return new Response("ok", { status: webhookStatus });
  };
  const options: FacebookSandboxOptions = {
    db: db.db,
    appId: APP_ID,
    appSecret: APP_SECRET,
    webhookUrl: WEBHOOK_URL,
    verifyToken: "verify-me",
    publicUrl: PUBLIC_URL,
    now: () => new Date(clock),
    fetch: fetchStub,
    deliveryDelayMs: 0,
    webhookRetry: { baseDelayMs: 5, maxAttempts: 3 },
    ...overrides,
  };
  let sandbox: FacebookSandbox = createFacebookSandbox(options);
  await sandbox.start();

  const harness = {
    db,
    get sandbox() {
      return sandbox;
    },
    get app() {
      return sandbox.app;
    },
    get admin() {
      return sandbox.admin;
    },
    webhooks,
    /** Webhook events (each `messaging[0]` with its field-identifying keys) received so far. */
    events() {
      return webhooks.flatMap((w) => {
        const payload = JSON.parse(w.body) as { entry: Array<{ messaging: unknown[] }> };
        return payload.entry.flatMap((e) => e.messaging) as Array<Record<string, unknown>>;
      });
    },
    setWebhookStatus(status: number) {
      webhookStatus = status;
    },
    now: () => clock,
    advance(ms: number) {
      clock += ms;
    },
    /** Stops this sandbox and starts a new one on the same database (a process restart). */
    async restart() {
      await sandbox.stop();
      sandbox = createFacebookSandbox(options);
      await sandbox.start();
    },
    async setupPage(
      input: { policyVersion?: PolicyVersion; approved?: boolean; fields?: string[] } = {},
    ) {
      const { user, pages } = await sandbox.admin.addUser({
        name: "Test Admin",
        pages: [
          {
            name: "Test Page",
            role: "Admin",
            policyVersion: input.policyVersion ?? "2018",
            approvedForNonPromotionalSubscription: input.approved ?? false,
          },
        ],
      });
      const pageId = pages[0]!.id;
      const token = await sandbox.admin.pageToken({ userId: user.id, pageId });
      const person = await sandbox.admin.addPerson({ firstName: "Ana", lastName: "García" });
      const fields = input.fields ?? [
        "messages",
        "messaging_optins",
        "message_echoes",
        "message_deliveries",
        "message_reads",
      ];
      const proof = appSecretProof(APP_SECRET, token);
      const subscribed = await sandbox.app.request(
        `/v25.0/${pageId}/subscribed_apps?subscribed_fields=${fields.join(",")}&access_token=${token}&appsecret_proof=${proof}`,
        { method: "POST" },
      );
      if (subscribed.status !== 200)
        throw new Error(`subscribe failed: ${await subscribed.text()}`);
      const { psid } = await sandbox.admin.optIn({ personId: person.id, pageId, ref: "test-ref" });
      const setup: PageSetup = { userId: user.id, pageId, token, proof, personId: person.id, psid };
      return setup;
    },
    /** POSTs a JSON Send API body for a Page setup. */
    send(setup: PageSetup, body: unknown, opts: { path?: string; query?: string } = {}) {
      const query = opts.query ?? `access_token=${setup.token}&appsecret_proof=${setup.proof}`;
      return sandbox.app.request(`/v25.0/${opts.path ?? "me"}/messages?${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    },
    async close() {
      await sandbox.stop();
      await db.close();
    },
  };
  return harness;
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** A standard text message body to a PSID. */
export function textTo(psid: string, text = "Hello", extra: Record<string, unknown> = {}) {
  return { recipient: { id: psid }, messaging_type: "UPDATE", message: { text }, ...extra };
}
