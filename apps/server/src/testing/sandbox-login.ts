import type { TestBrowser } from "./test-browser";

export const SANDBOX_ADMIN_USER = "100000000000001";
export const ADMIN_PAGE = "110000000000001";
export const MODERATOR_PAGE = "110000000000002";
export const ANALYST_PAGE = "110000000000003";

/**
 * Runs "Log in to Facebook" against the mounted sandbox over real HTTP: starts the login,
 * submits the Login dialog as a sandbox user (Continue or Cancel), follows the redirect back.
 * Returns where Waymark sent the browser afterwards.
 */
export async function sandboxLogin(
  browser: TestBrowser,
  options: { userId?: string; action?: "continue" | "cancel"; returnTo?: string } = {},
) {
  const start = await browser.request("POST", "/api/messenger/facebook/logins", {
    returnTo: options.returnTo,
  });
  if (start.status !== 201) throw new Error(`login start failed: ${await start.text()}`);
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const dialog = new URL(authorizationUrl);
  const form = new URLSearchParams({
    client_id: dialog.searchParams.get("client_id") ?? "",
    redirect_uri: dialog.searchParams.get("redirect_uri") ?? "",
    scope: dialog.searchParams.get("scope") ?? "",
    state: dialog.searchParams.get("state") ?? "",
    user_id: options.userId ?? SANDBOX_ADMIN_USER,
    action: options.action ?? "continue",
  });
  // The dialog's own origin: Waymark's when the sandbox is mounted, the sandbox's when it runs apart.
  const answer = await fetch(`${dialog.origin}${dialog.pathname}`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const callback = new URL(answer.headers.get("location") ?? "");
  const back = await browser.request("GET", callback.pathname + callback.search);
  const target = new URL(back.headers.get("location") ?? "/", "http://x");
  return {
    target,
    loginId: target.searchParams.get("login"),
    loginError: target.searchParams.get("loginError"),
  };
}

/** Creates a profile on a sandbox page through the API, as the UI does. */
export async function createSandboxProfile(
  browser: TestBrowser,
  options: { name?: string; pageId?: string; status?: "enabled" | "disabled" } = {},
) {
  const { loginId } = await sandboxLogin(browser);
  const res = await browser.request("POST", "/api/messenger/profiles", {
    name: options.name ?? `Profile ${crypto.randomUUID().slice(0, 8)}`,
    loginId,
    pageId: options.pageId ?? ADMIN_PAGE,
    status: options.status ?? "enabled",
  });
  return res;
}
