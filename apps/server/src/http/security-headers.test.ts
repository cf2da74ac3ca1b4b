import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxProfile } from "../testing/sandbox-login";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

/** The sources of one directive of a Content-Security-Policy header. */
function directive(csp: string | null, name: string): string[] {
  const found = (csp ?? "").split(";").map((d) => d.trim().split(/\s+/));
  return found.find(([key]) => key === name)?.slice(1) ?? [];
}

/** `'sha256-…'` of each inline script of a page, as a browser computes it. */
function inlineHashes(html: string): string[] {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes, body]) => !(attributes ?? "").includes("src=") && body)
    .map(([, , body]) => `'sha256-${createHash("sha256").update(body!).digest("base64")}'`);
}

/** A page whose scripts are all allowed by hash or origin, never by `unsafe-inline`. */
function expectLockedScripts(res: Response, html: string) {
  const csp = res.headers.get("content-security-policy");
  const scripts = directive(csp, "script-src");
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  for (const hash of inlineHashes(html)) expect(scripts).toContain(hash);
  expect(directive(csp, "object-src")).toEqual(["'none'"]);
  expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
  return scripts;
}

describe("security headers", () => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp("pglite");
    browser = new TestBrowser(t.app);
    await browser.signUp("Headers");
  });
  afterAll(() => t?.close());

  it("the API docs page lets exactly its own inline script run", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/v1/docs`);
    const html = await res.text();
    expect(inlineHashes(html)).toHaveLength(1);
    expectLockedScripts(res, html);
  });

  it("an opt-in page allows the snippet's script by hash and the SDK it loads", async () => {
    const profile = (await (await createSandboxProfile(browser)).json()) as { id: string };
    const contact = (await (
      await browser.request("POST", "/api/contacts", { email: "ana@example.com" })
    ).json()) as { id: string };
    const link = (await (
      await browser.request(
        "GET",
        `/api/messenger/profiles/${profile.id}/opt-in-links/${contact.id}`,
      )
    ).json()) as { ref: string };

    const res = await t.app.request(`${TEST_ORIGIN}/optin/${link.ref}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(inlineHashes(html)).toHaveLength(1);
    const scripts = expectLockedScripts(res, html);
    expect(scripts).toContain("'strict-dynamic'");

    const invalid = await t.app.request(`${TEST_ORIGIN}/optin/not-a-ref`);
    expect(invalid.status).toBe(404);
    expectLockedScripts(invalid, await invalid.text());
  });

  it("the sandbox's pages carry a policy: home, the plugin demo and the Login dialog", async () => {
    for (const path of ["/fb-sandbox", "/fb-sandbox/plugin-demo"]) {
      const res = await browser.request("GET", path);
      expect(res.status).toBe(200);
      expectLockedScripts(res, await res.text());
    }
    const start = await browser.request("POST", "/api/messenger/facebook/logins", {});
    const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
    const dialog = new URL(authorizationUrl);
    const res = await t.app.request(`${TEST_ORIGIN}${dialog.pathname}${dialog.search}`);
    expect(res.status).toBe(200);
    expectLockedScripts(res, await res.text());
    // Continue posts to the dialog, which redirects back to Waymark's callback.
    const redirect = new URL(dialog.searchParams.get("redirect_uri") ?? "").origin;
    expect(directive(res.headers.get("content-security-policy"), "form-action")).toContain(
      redirect,
    );
  });

  it("signed-in JSON is never stored by a browser or proxy", async () => {
    for (const path of ["/api/auth/me", "/api/contacts", "/api/messenger/profiles"]) {
      const res = await browser.request("GET", path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });
});

describe("the session cookie over https", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("pglite", { env: { PUBLIC_URL: "https://waymark.example" } });
  });
  afterAll(() => t?.close());

  it("is __Host-waymark_session, and a plain waymark_session cookie is not a session", async () => {
    const browser = new TestBrowser(t.app);
    const signUp = await browser.request("POST", "/api/auth/signup", {
      accountName: "Secure",
      email: "secure@example.test",
      password: "correct horse battery",
    });
    expect(signUp.status).toBe(201);
    const cookie = signUp.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-waymark_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await browser.request("GET", "/api/auth/me")).status).toBe(200);

    const token = browser.cookie.split("=")[1];
    const plain = await browser.request("GET", "/api/auth/me", undefined, {
      cookie: `waymark_session=${token}`,
    });
    expect(plain.status).toBe(401);

    const logout = await browser.request("POST", "/api/auth/logout", {});
    expect(logout.headers.get("set-cookie")).toMatch(/^__Host-waymark_session=;/);
    const again = await browser.request("GET", "/api/auth/me", undefined, {
      cookie: `__Host-waymark_session=${token}`,
    });
    expect(again.status).toBe(401);
  });
});
