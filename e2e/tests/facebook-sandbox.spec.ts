import { hkdfSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import {
  buildOptInSnippet,
  createFacebookClient,
  type FacebookClient,
  LOGIN_SCOPES,
  parseWebhookEvents,
} from "@waymark/facebook";
import { createSandboxProfile } from "../fixtures/profiles";
import { htmlPage, startSite } from "../fixtures/site";
import { expect, signUpThroughUi, test } from "../fixtures/test";
import type { RunningServer } from "../fixtures/waymark-server";

const MOUNT = "/fb-sandbox";

interface SandboxState {
  app: { id: string; name: string };
  users: { id: string; name: string }[];
  pages: { id: string; name: string }[];
  people: { id: string; firstName: string; lastName: string }[];
  threads: { psid: string; personId: string; pageId: string }[];
}

interface WebhookLogEntry {
  outcome: string;
  status: number | null;
  fields: string[];
  body: string;
}

/** What the server's own sandbox says about itself (`GET /fb-sandbox/_admin/state`). */
async function sandboxState(request: APIRequestContext, server: RunningServer) {
  const res = await request.get(`${server.url}${MOUNT}/_admin/state`, {
    headers: await adminHeaders(server),
  });
  expect(res.ok()).toBe(true);
  return (await res.json()) as SandboxState;
}

async function webhookLog(request: APIRequestContext, server: RunningServer) {
  const res = await request.get(`${server.url}${MOUNT}/_admin/webhooks?limit=300`, {
    headers: await adminHeaders(server),
  });
  return ((await res.json()) as { data: WebhookLogEntry[] }).data;
}

/**
 * Waits until the sandbox has delivered a webhook of `field` whose body contains `needle`,
 * answered 2xx by Waymark (which answers 401 unless X-Hub-Signature-256 verifies); returns it.
 */
async function deliveredWebhook(
  request: APIRequestContext,
  server: RunningServer,
  field: string,
  needle: string,
): Promise<WebhookLogEntry> {
  let found: WebhookLogEntry | undefined;
  await expect
    .poll(
      async () => {
        const log = await webhookLog(request, server);
        // Bodies escape "/" and non-ASCII (\/, \uXXXX): compare the decoded JSON.
        const matching = log.filter(
          (e) => e.fields.includes(field) && JSON.stringify(JSON.parse(e.body)).includes(needle),
        );
        found = matching.find((e) => e.outcome === "delivered") ?? matching[0];
        return found && { outcome: found.outcome, status: found.status };
      },
      { timeout: 15_000 },
    )
    .toEqual({ outcome: "delivered", status: 200 });
  return found!;
}

/**
 * A key the server derived from its SECRET_KEY (kept in DATA_DIR): the same HKDF as
 * apps/server/src/lib/keys.ts `deriveKey(secretKey, purpose)`.
 */
async function derivedKey(server: RunningServer, purpose: string): Promise<string> {
  const secretKey = (await readFile(join(server.dataDir, "secret.key"), "utf8")).trim();
  return Buffer.from(hkdfSync("sha256", secretKey, "waymark", purpose, 32)).toString("hex");
}

const sandboxAppSecret = (server: RunningServer) => derivedKey(server, "sandbox-app-secret");

/** The sandbox's admin API wants the signed-in session or the server's local admin token. */
async function adminHeaders(server: RunningServer) {
  return { authorization: `Bearer ${await derivedKey(server, "sandbox-admin-token")}` };
}

/** Waymark's Facebook client pointed at the running server's sandbox, as the server builds it. */
async function sandboxClient(
  request: APIRequestContext,
  server: RunningServer,
): Promise<FacebookClient> {
  const { app } = await sandboxState(request, server);
  return createFacebookClient({
    graphApiUrl: `${server.url}${MOUNT}`,
    dialogUrl: `${server.url}${MOUNT}`,
    version: "v25.0",
    appId: app.id,
    appSecret: await sandboxAppSecret(server),
    fetch,
    timeoutMs: 10_000,
  });
}

test("the Login dialog: Continue returns a code the client exchanges, Cancel returns access_denied", async ({
  page,
  request,
  server,
}) => {
  const site = await startSite({
    "/callback": htmlPage("Back at the app", "<h1>Back at the app</h1>"),
  });
  try {
    const client = await sandboxClient(request, server);
    const redirectUri = `${site.url}/callback`;

    await page.goto(client.authorizationUrl({ redirectUri, state: "e2e-continue" }));
    await expect(page.getByRole("heading", { name: "Waymark is requesting access" })).toBeVisible();
    const permissions = page.getByRole("list", { name: "Requested permissions" });
    for (const scope of LOGIN_SCOPES) await expect(permissions).toContainText(scope);
    await page.getByRole("radio", { name: "Sandbox Admin" }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Back at the app" })).toBeVisible();
    const back = new URL(page.url());
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("e2e-continue");
    const code = back.searchParams.get("code") ?? "";
    expect(code).not.toBe("");

    const exchanged = await client.exchangeCode({ code, redirectUri });
    if (!exchanged.ok) throw new Error(exchanged.error.message);
    const pages = await client.listPages(exchanged.token.accessToken);
    expect(pages.ok && pages.pages.map((p) => p.name)).toContain("Acme Shoes");

    await page.goto(client.authorizationUrl({ redirectUri, state: "e2e-cancel" }));
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { name: "Back at the app" })).toBeVisible();
    const cancelled = new URL(page.url());
    expect(Object.fromEntries(cancelled.searchParams)).toMatchObject({
      error: "access_denied",
      error_reason: "user_denied",
      state: "e2e-cancel",
    });
    expect(cancelled.searchParams.has("code")).toBe(false);
  } finally {
    await site.close();
  }
});

test("the opt-in snippet on another website shows Send to Messenger; a click opts the contact in through a signed webhook", async ({
  page,
  context,
  request,
  server,
}) => {
  await signUpThroughUi(page);
  await createSandboxProfile(page, { name: "Shop", pageName: "Acme Shoes" });

  // A contact and their personal ref, from the profile page's opt-in link finder.
  const created = await page.request.post(`${server.url}/api/contacts`, {
    data: { email: "peter@example.com", values: { FIRSTNAME: "Peter" } },
    headers: { origin: server.url },
  });
  expect(created.status()).toBe(201);
  const contactId = (await created.json()).id as string;
  await page.reload();
  const finder = page.getByRole("region", { name: "Opt-in link for a contact" });
  await finder.getByLabel("Find a contact").fill("peter@");
  await finder.getByRole("button", { name: "peter@example.com" }).click();
  const link =
    (await finder.getByRole("link", { name: "Contact's opt-in link" }).getAttribute("href")) ?? "";
  const ref = new URL(link).pathname.split("/").pop() ?? "";
  expect(ref).not.toBe("");

  const state = await sandboxState(request, server);
  const shoes = state.pages.find((p) => p.name === "Acme Shoes")!;
  const snippet = buildOptInSnippet({
    appId: state.app.id,
    pageId: shoes.id,
    ref,
    sdkUrl: `${server.url}${MOUNT}/sdk.js`,
  });
  const site = await startSite({
    "/": htmlPage("Acme Shoes newsletter", `<h1>Acme Shoes newsletter</h1>${snippet}`),
  });
  try {
    const shop = await context.newPage();
    await shop.goto(site.url);
    await shop.getByRole("button", { name: "Send to Messenger" }).click();
    const dialog = shop.getByRole("dialog", { name: "Continue to Messenger with Acme Shoes" });
    await dialog.getByRole("radio", { name: "Peter Chang" }).check();
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(shop.getByRole("button", { name: "Sent to Messenger" })).toBeDisabled();
    await expect(shop.getByRole("status")).toHaveText(
      "You're subscribed to Acme Shoes in Messenger.",
    );
  } finally {
    await site.close();
  }

  // The sandbox signed and delivered messaging_optins to Waymark, which verified it (2xx)…
  const delivered = await deliveredWebhook(request, server, "messaging_optins", ref);
  const parsed = parseWebhookEvents(JSON.parse(delivered.body));
  const peter = state.people.find((p) => p.firstName === "Peter")!;
  const thread = (await sandboxState(request, server)).threads.find(
    (t) => t.personId === peter.id && t.pageId === shoes.id,
  )!;
  expect(parsed.ok && parsed.events).toContainEqual(
    expect.objectContaining({ kind: "optin", pageId: shoes.id, psid: thread.psid, ref }),
  );

  // …stored and processed it: the contact now has the PSID of that page.
  await page.goto(`/contacts/${contactId}`);
  const optIns = page.getByRole("region", { name: "Messenger opt-ins" });
  await expect(async () => {
    await page.reload();
    await expect(optIns.getByText(thread.psid)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("the sandbox Messenger page shows a sent message, and a reply there sends a messages webhook", async ({
  page,
  request,
  server,
}) => {
  await signUpThroughUi(page);
  await createSandboxProfile(page, { name: "Shop", pageName: "Acme Shoes" });
  const state = await sandboxState(request, server);
  const shoes = state.pages.find((p) => p.name === "Acme Shoes")!;
  const admin = state.users.find((u) => u.name === "Sandbox Admin")!;
  const ana = state.people.find((p) => p.firstName === "Ana")!;

  // Ana opts in; the page sends her a message with Waymark's client and a sandbox Page token.
  const optIn = await request.post(`${server.url}${MOUNT}/_admin/people/${ana.id}/opt-in`, {
    data: { pageId: shoes.id, ref: "e2e-messenger" },
    headers: await adminHeaders(server),
  });
  const { psid } = (await optIn.json()) as { psid: string };
  const tokens = await request.post(`${server.url}${MOUNT}/_admin/tokens`, {
    data: { userId: admin.id, pageId: shoes.id },
    headers: await adminHeaders(server),
  });
  const { pageToken } = (await tokens.json()) as { pageToken: string };
  const client = await sandboxClient(request, server);
  const text = `Your spring catalogue is ready, Ana (${Date.now()})`;
  const sent = await client.sendMessage({ pageToken, psid, text, messagingType: "UPDATE" });
  expect(sent).toMatchObject({ ok: true, recipientId: psid });

  await page.goto(`${server.url}${MOUNT}/people/${ana.id}/messenger`);
  await expect(page.getByRole("heading", { name: "Messenger: Ana García" })).toBeVisible();
  const conversation = page.getByRole("region", { name: "Acme Shoes" });
  const thread = conversation.getByRole("list", { name: "Messages with Acme Shoes, newest first" });
  await expect(thread.getByRole("listitem").filter({ hasText: text })).toBeVisible();

  const reply = `Thanks! Do you have size 38? (${Date.now()})`;
  await conversation.getByRole("textbox", { name: "Reply to Acme Shoes" }).fill(reply);
  await conversation.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(thread.getByRole("listitem").filter({ hasText: reply })).toBeVisible();

  const delivered = await deliveredWebhook(request, server, "messages", reply);
  const parsed = parseWebhookEvents(JSON.parse(delivered.body));
  expect(parsed.ok && parsed.events).toContainEqual(
    expect.objectContaining({ kind: "message", pageId: shoes.id, psid, text: reply }),
  );
  // Opening the conversation also read the message: message_reads went to Waymark too.
  await deliveredWebhook(request, server, "message_reads", psid);
});
