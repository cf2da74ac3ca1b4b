import { apiKeys } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())("API keys on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  const v1 = (path: string, key?: string) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });

  it("creates a key shown once, authenticates /api/v1 with it, and stops after revoke", async () => {
    const browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Keys Inc");
    const created = await browser.request("POST", "/api/api-keys", { name: "CRM sync" });
    expect(created.status).toBe(201);
    const { id, key, prefix } = (await created.json()) as {
      id: string;
      key: string;
      prefix: string;
    };
    expect(key.startsWith(prefix)).toBe(true);

    const list = (await (await browser.request("GET", "/api/api-keys")).json()) as {
      apiKeys: Record<string, unknown>[];
    };
    expect(list.apiKeys).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(key);

    const stored = await t.db.select().from(apiKeys);
    expect(JSON.stringify(stored)).not.toContain(key);

    const ok = await v1("/account", key);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: accountId, name: "Keys Inc" });

    expect((await browser.request("POST", `/api/api-keys/${id}/revoke`)).status).toBe(200);
    const after = await v1("/account", key);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("answers 401 without a key or with a made-up one", async () => {
    expect((await v1("/account")).status).toBe(401);
    expect((await v1("/account", "wmk_made_up")).status).toBe(401);
  });

  it("gives account B a 404 for account A's key, and leaves it working", async () => {
    const a = new TestBrowser(t.app);
    await a.signUp("A");
    const { id, key } = (await (
      await a.request("POST", "/api/api-keys", { name: "A key" })
    ).json()) as {
      id: string;
      key: string;
    };
    const b = new TestBrowser(t.app);
    await b.signUp("B");
    const res = await b.request("POST", `/api/api-keys/${id}/revoke`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    const listB = (await (await b.request("GET", "/api/api-keys")).json()) as {
      apiKeys: unknown[];
    };
    expect(listB.apiKeys).toHaveLength(0);
    expect((await v1("/account", key)).status).toBe(200);
  });

  it("requires a session for the key routes", async () => {
    const res = await new TestBrowser(t.app).request("GET", "/api/api-keys");
    expect(res.status).toBe(401);
  });
});
