import { testDrivers } from "@waymark/db/testing";
import { SEED } from "@waymark/facebook-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_SCOPES, WEBHOOK_FIELDS } from "../../src/index";
import { APP_ID, type ContractHarness, pageOf, startContractHarness } from "./contract-harness";

const REDIRECT_URI = "http://127.0.0.1:9/api/messenger/facebook/oauth/callback?profile=new";
const STATE = "st&=1 ü/+";
const SANDBOX_ADMIN = SEED.users[0]!.id;

interface DialogForm {
  action: string;
  fields: Record<string, string>;
}

const unescapeHtml = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The Login dialog's form as a browser sees it: its action and hidden fields. */
function readDialogForm(html: string): DialogForm {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error("no form in the Login dialog");
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[unescapeHtml(m[1]!)] = unescapeHtml(m[2]!);
  }
  return { action: unescapeHtml(action), fields };
}

/** Opens the client's authorisation URL and submits the dialog like a browser would. */
async function submitDialog(
  h: ContractHarness,
  choice: { action: "continue"; userId: string } | { action: "cancel" },
): Promise<URL> {
  const dialogUrl = h.client.authorizationUrl({ redirectUri: REDIRECT_URI, state: STATE });
  const page = await fetch(dialogUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = readDialogForm(html);
  const body = new URLSearchParams(form.fields);
  body.set("action", choice.action);
  if (choice.action === "continue") body.set("user_id", choice.userId);
  const answer = await fetch(form.action, { method: "POST", body, redirect: "manual" });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
}

describe.each(testDrivers())("client ↔ sandbox over HTTP: Login and Pages on %s", (driver) => {
  let h: ContractHarness;
  beforeAll(async () => {
    h = await startContractHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("serves the Login dialog at the client's authorisation URL with the requested permissions", async () => {
    const url = new URL(h.client.authorizationUrl({ redirectUri: REDIRECT_URI, state: STATE }));
    expect(url.href.startsWith(`${h.baseUrl}/v25.0/dialog/oauth?`)).toBe(true);
    const page = await fetch(url);
    const html = await page.text();
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    for (const scope of LOGIN_SCOPES) expect(html).toContain(`<strong>${scope}</strong>`);
    expect(html).toContain("Sandbox Admin");
    const form = readDialogForm(html);
    expect(form.fields).toMatchObject({
      client_id: APP_ID,
      redirect_uri: REDIRECT_URI,
      state: STATE,
      scope: LOGIN_SCOPES.join(","),
    });
  });

  it("Continue → code and state on the redirect URI → short-lived → long-lived token → Pages", async () => {
    const back = await submitDialog(h, { action: "continue", userId: SANDBOX_ADMIN });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI.split("?")[0]);
    expect(back.searchParams.get("profile")).toBe("new");
    expect(back.searchParams.get("state")).toBe(STATE);
    expect(back.searchParams.get("error")).toBeNull();
    const code = back.searchParams.get("code") ?? "";
    expect(code).not.toBe("");

    const short = await h.client.exchangeCode({ code, redirectUri: REDIRECT_URI });
    if (!short.ok) throw new Error(short.error.message);
    expect(short.token).toMatchObject({ tokenType: "bearer", expiresIn: 7200 });

    const reused = await h.client.exchangeCode({ code, redirectUri: REDIRECT_URI });
    expect(reused).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 100, subcode: 36009, classification: "bad_request" },
    });

    const long = await h.client.exchangeLongLived(short.token.accessToken);
    if (!long.ok) throw new Error(long.error.message);
    expect(long.token.tokenType).toBe("bearer");
    expect(long.token.expiresIn).toBe(5_184_000);
    expect(long.token.accessToken).not.toBe(short.token.accessToken);

    const listed = await h.client.listPages(long.token.accessToken);
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.truncated).toBe(false);
    const byName = new Map(listed.pages.map((p) => [p.name, p]));
    expect([...byName.keys()].sort()).toEqual(SEED.pages.map((p) => p.name).sort());
    expect(byName.get("Acme Shoes")).toMatchObject({ role: "Admin", usable: true });
    expect(byName.get("Acme Outlet")).toMatchObject({ role: "Moderator", usable: true });
    const analyst = byName.get("Acme Insights");
    expect(analyst).toMatchObject({ role: "Analyst", usable: false });
    expect(analyst?.reason).toContain("Admin, Editor or Moderator");
    for (const page of listed.pages) expect(page.accessToken).toEqual(expect.any(String));
  });

  it("a code is bound to the dialog's redirect URI", async () => {
    const back = await submitDialog(h, { action: "continue", userId: SANDBOX_ADMIN });
    const code = back.searchParams.get("code") ?? "";
    const other = await h.client.exchangeCode({
      code,
      redirectUri: "http://127.0.0.1:9/elsewhere",
    });
    expect(other).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 100, subcode: 36008, classification: "bad_request" },
    });
  });

  it("Cancel → access_denied with the state and no code", async () => {
    const back = await submitDialog(h, { action: "cancel" });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI.split("?")[0]);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({
      profile: "new",
      error: "access_denied",
      error_reason: "user_denied",
      state: STATE,
    });
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("follows paging.next until every Page is listed, and stops at maxPages", async () => {
    const pages = Array.from({ length: 60 }, (_, i) => ({
      name: `Many ${String(i).padStart(2, "0")}`,
      role: i % 3 === 0 ? ("Analyst" as const) : ("Editor" as const),
    }));
    const { user } = await h.sandbox.admin.addUser({ name: "Many Pages", pages });
    const token = await h.sandbox.admin.issueUserToken({ userId: user.id });

    const before = h.requests.length;
    const listed = await h.client.listPages(token);
    if (!listed.ok) throw new Error(listed.error.message);
    const calls = h.requests.slice(before);
    // Default page size 25: 25 + 25 + 10, each next link on the sandbox's own origin.
    expect(calls.map((u) => u.pathname)).toEqual(
      Array(3).fill(`${new URL(h.baseUrl).pathname}/v25.0/me/accounts`),
    );
    expect(calls[1]?.searchParams.get("after")).toBeTruthy();
    expect(listed.truncated).toBe(false);
    expect(listed.pages).toHaveLength(60);
    expect(new Set(listed.pages.map((p) => p.id)).size).toBe(60);
    expect(listed.pages.map((p) => p.name).sort()).toEqual(pages.map((p) => p.name));
    expect(listed.pages.filter((p) => p.usable)).toHaveLength(40);
    expect(listed.pages.find((p) => p.name === "Many 00")).toMatchObject({
      role: "Analyst",
      usable: false,
    });
    expect(listed.pages.find((p) => p.name === "Many 01")).toMatchObject({
      role: "Editor",
      usable: true,
    });

    const capped = await h.clientWith({ maxPages: 2 }).listPages(token);
    if (!capped.ok) throw new Error(capped.error.message);
    expect(capped.truncated).toBe(true);
    expect(capped.pages).toHaveLength(50);
  });

  it("subscribes, reads and unsubscribes subscribed_apps with a Page token", async () => {
    const userToken = await h.sandbox.admin.issueUserToken({ userId: SANDBOX_ADMIN });
    const shoes = await pageOf(h.client, userToken, SEED.pages[0]!.id);
    const token = shoes.accessToken!;

    expect(await h.client.getSubscribedApps(shoes.id, token)).toEqual({ ok: true, apps: [] });
    expect(await h.client.subscribeApp(shoes.id, token)).toEqual({ ok: true });
    const read = await h.client.getSubscribedApps(shoes.id, token);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.apps).toHaveLength(1);
    expect(read.apps[0]?.id).toBe(APP_ID);
    expect(read.apps[0]?.name).toBe("Waymark");
    expect([...(read.apps[0]?.subscribedFields ?? [])].sort()).toEqual([...WEBHOOK_FIELDS].sort());
    // Subscribing again is harmless (the client treats it as idempotent).
    expect(await h.client.subscribeApp(shoes.id, token)).toEqual({ ok: true });

    expect(await h.client.unsubscribeApp(shoes.id, token)).toEqual({ ok: true });
    expect(await h.client.getSubscribedApps(shoes.id, token)).toEqual({ ok: true, apps: [] });
  });

  it("refuses to subscribe a Page where the user is only an Analyst (permission)", async () => {
    const userToken = await h.sandbox.admin.issueUserToken({ userId: SANDBOX_ADMIN });
    const insights = await pageOf(h.client, userToken, SEED.pages[2]!.id);
    expect(insights.usable).toBe(false);
    expect(await h.client.subscribeApp(insights.id, insights.accessToken!)).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 200, classification: "permission" },
    });
  });

  it("answers 190 (token_invalid) for a user token that was never issued", async () => {
    expect(await h.client.listPages("EAAnot-a-token")).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 190, classification: "token_invalid", httpStatus: 400 },
    });
  });
});
