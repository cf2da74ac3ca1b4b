import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveKey } from "../lib/keys";
import { SANDBOX_ADMIN_USER } from "../testing/sandbox-login";
import {
  createTestApp,
  TEST_ORIGIN,
  TEST_SECRET_KEY,
  type TestApp,
  TestBrowser,
} from "../testing/test-app";

const ADMIN_TOKEN = deriveKey(TEST_SECRET_KEY, "sandbox-admin-token").toString("hex");

describe("the mounted sandbox's console", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("pglite");
  });
  afterAll(() => t?.close());

  const call = (path: string, init: RequestInit = {}) =>
    t.app.request(`${TEST_ORIGIN}/fb-sandbox${path}`, init);
  const issueToken = (headers: Record<string, string> = {}) =>
    call("/_admin/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ userId: SANDBOX_ADMIN_USER, pageId: "110000000000001" }),
    });

  it("refuses a request that is not signed in: no Page token, no state, no pages", async () => {
    const refused = await issueToken();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: { message: expect.stringContaining("Sign in") },
    });
    expect((await call("/_admin/state")).status).toBe(401);
    expect((await issueToken({ authorization: "Bearer wrong-token" })).status).toBe(401);
    for (const page of ["", "/plugin-demo", "/people/120000000000001/messenger"]) {
      const res = await call(page);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain(`href="http://127.0.0.1`);
    }
    const form = await call("/people", {
      method: "POST",
      body: new URLSearchParams({ first_name: "Eve", last_name: "Intruder" }),
    });
    expect(form.status).toBe(401);
  });

  it("accepts the signed-in Waymark user", async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp("Sandbox owner");
    const res = await issueToken({ cookie: browser.cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ pageToken: expect.any(String) });
    expect((await call("", { headers: { cookie: browser.cookie } })).status).toBe(200);
  });

  it("accepts the local admin token derived from SECRET_KEY", async () => {
    const res = await issueToken({ authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ pageToken: expect.any(String) });
  });

  it("keeps the Facebook surface open: SDK, plugin and Login dialog", async () => {
    expect((await call("/sdk.js")).status).toBe(200);
    const state = await call("/_admin/state", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const { app } = (await state.json()) as { app: { id: string } };
    const plugin = await call(
      `/plugins/send-to-messenger/page?app_id=${app.id}&page_id=110000000000001`,
    );
    expect(plugin.status).toBe(200);
    const dialog = await call(
      `/v25.0/dialog/oauth?client_id=${app.id}&redirect_uri=${encodeURIComponent(`${t.url}/cb`)}&scope=pages_messaging`,
    );
    expect(dialog.status).toBe(200);
  });
});
