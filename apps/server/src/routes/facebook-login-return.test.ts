import { facebookLogins } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ADMIN_USER, sandboxLogin } from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

const ATTACKS = [
  "/settings/channels/messenger/../../..//evil.example/x",
  "/settings/channels/messenger/..\\..\\..\\/evil.example/x",
  "/settings/channels/messenger/%2e%2e/%2e%2e/%2e%2e//evil.example/x",
  "/settings/channels/messenger/%2e%2e/%2e%2e/%2e%2e/%2f%2fevil.example/x",
  "/settings/channels/messenger/%2f%2fevil.example/x",
  "/\\evil.example/settings/channels/messenger",
  "/settings/channels/messenger/\t/../../..//evil.example",
  "/settings/channels/messenger/\n/../../..//evil.example",
  "https://evil.example/settings/channels/messenger",
  "//evil.example/settings/channels/messenger",
  "javascript:alert(1)//settings/channels/messenger",
];

/** The callback's Location, resolved against our origin as a browser would. */
function resolved(location: string | null) {
  return new URL(location ?? "", "http://waymark.test");
}

describe.each(testDrivers())("Facebook Login returnTo on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Returns");
  });
  afterAll(() => t?.close());

  it.each(ATTACKS)("sends the browser back to our own page, not %j", async (returnTo) => {
    const { target } = await sandboxLogin(browser, { returnTo });
    expect(target.host).toBe("x"); // sandboxLogin resolves Location against http://x
    expect(target.pathname).toBe("/settings/channels/messenger/new");
    expect(target.searchParams.get("login")).toBeTruthy();
  });

  it("keeps a safe returnTo, normalised", async () => {
    const { target } = await sandboxLogin(browser, {
      returnTo: "/settings/channels/messenger/abc/../def?tab=1",
    });
    expect(target.pathname).toBe("/settings/channels/messenger/def");
    expect(target.searchParams.get("tab")).toBe("1");
  });

  it("checks a stored returnTo again at the callback (logins started before the fix)", async () => {
    const start = await browser.request("POST", "/api/messenger/facebook/logins", {});
    const dialog = new URL(((await start.json()) as { authorizationUrl: string }).authorizationUrl);
    const state = dialog.searchParams.get("state") ?? "";
    await t.db
      .update(facebookLogins)
      .set({ returnTo: "/settings/channels/messenger/../../..//evil.example/x" })
      .where(eq(facebookLogins.state, state));
    const answer = await fetch(`${dialog.origin}${dialog.pathname}`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: dialog.searchParams.get("client_id") ?? "",
        redirect_uri: dialog.searchParams.get("redirect_uri") ?? "",
        scope: dialog.searchParams.get("scope") ?? "",
        state,
        user_id: SANDBOX_ADMIN_USER,
        action: "continue",
      }),
      redirect: "manual",
    });
    const callback = new URL(answer.headers.get("location") ?? "");
    const back = await browser.request("GET", callback.pathname + callback.search);
    expect(back.status).toBe(302);
    const location = back.headers.get("location") ?? "";
    expect(location.startsWith("/settings/channels/messenger/new?")).toBe(true);
    expect(resolved(location).host).toBe("waymark.test");
  });
});
