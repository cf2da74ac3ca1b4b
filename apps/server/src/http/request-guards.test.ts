import { request as httpRequest } from "node:http";
import { apiKeys, lists } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())("request guards on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp();
  });
  afterAll(() => t?.close());

  const keyCount = async () => (await t.db.select().from(apiKeys)).length;

  it("refuses a state-changing request from a foreign Origin and changes nothing", async () => {
    const before = await keyCount();
    const res = await browser.request(
      "POST",
      "/api/api-keys",
      { name: "evil" },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden_origin" } });
    expect(await keyCount()).toBe(before);
  });

  it("refuses a cross-site request without Origin but with Sec-Fetch-Site", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/api-keys`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: browser.cookie,
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ name: "x" }),
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ["text/plain", '{"name":"x"}'],
    ["application/x-www-form-urlencoded", "name=x"],
    ["multipart/form-data; boundary=abc", "--abc\r\n"],
  ])("refuses %s bodies on JSON routes with 415 and changes nothing", async (type, body) => {
    const before = await keyCount();
    const res = await browser.request("POST", "/api/api-keys", body, { "content-type": type });
    expect(res.status).toBe(415);
    expect(await keyCount()).toBe(before);
  });

  it("answers malformed JSON with 400 in the error format", async () => {
    const res = await browser.request("POST", "/api/api-keys", "{ not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "invalid_json", message: expect.any(String) },
    });
  });

  it("names missing and extra fields", async () => {
    const missing = await browser.request("POST", "/api/api-keys", {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { details: { fields: { name: "is required" } } },
    });
    const extra = await browser.request("POST", "/api/api-keys", { name: "ok", admin: true });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { message: string } }).error.message).toContain(
      "admin",
    );
  });

  it("says what was wrong with a field of the wrong type", async () => {
    const res = await browser.request("POST", "/api/contacts", {
      email: "a@example.com",
      values: "oops",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: { values: string } } } };
    expect(body.error.details.fields.values).toMatch(/expected record, received string/);
  });

  it("refuses bodies over 1 MB with 413 and writes nothing", async () => {
    const before = await keyCount();
    const res = await browser.request("POST", "/api/api-keys", { name: "x".repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await keyCount()).toBe(before);
  });

  it("answers sign-up field errors per field", async () => {
    const res = await new TestBrowser(t.app).request("POST", "/api/auth/signup", {
      accountName: "",
      email: "not-an-email",
      password: "short",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: Record<string, string> } } };
    expect(Object.keys(body.error.details.fields).sort()).toEqual([
      "accountName",
      "email",
      "password",
    ]);
  });

  /** A request sent over a real socket exactly as given: no framing headers are added. */
  function rawRequest(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${t.url}${path}`, { method, headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  it("deletes with no body, no Content-Type and no Content-Length, as Chromium sends it", async () => {
    const created = await browser.request("POST", "/api/lists", { name: "Doomed" });
    const { id } = (await created.json()) as { id: string };
    const res = await rawRequest("DELETE", `/api/lists/${id}`, {
      origin: t.url,
      cookie: browser.cookie,
    });
    expect(res.status).toBeLessThan(300);
    expect((await t.db.select().from(lists)).some((l) => l.id === id)).toBe(false);
  });

  it("still refuses a chunked non-JSON body sent without Content-Length", async () => {
    const before = await keyCount();
    const res = await rawRequest(
      "POST",
      "/api/api-keys",
      { origin: t.url, cookie: browser.cookie, "transfer-encoding": "chunked" },
      "name=x",
    );
    expect(res.status).toBe(415);
    expect(await keyCount()).toBe(before);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await browser.request("GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
