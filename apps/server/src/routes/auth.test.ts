import { users } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())("accounts and sessions on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  it("signs up, sees itself, logs out, logs back in", async () => {
    const browser = new TestBrowser(t.app);
    const { email } = await browser.signUp("Acme Shoes");
    const me = await browser.request("GET", "/api/auth/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, accountName: "Acme Shoes" });

    const oldCookie = browser.cookie;
    expect((await browser.request("POST", "/api/auth/logout")).status).toBe(204);
    browser.cookie = oldCookie; // replaying the old cookie must not work
    expect((await browser.request("GET", "/api/auth/me")).status).toBe(401);

    const login = await browser.request("POST", "/api/auth/login", {
      email: email.toUpperCase(),
      password: "correct horse battery",
    });
    expect(login.status).toBe(200);
    expect((await browser.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("sets the session cookie HttpOnly, SameSite=Lax, on the whole site", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({
        accountName: "C",
        email: "cookie@example.test",
        password: "0123456789",
      }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^waymark_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure"); // http PUBLIC_URL; Secure is set for https
  });

  it("stores passwords as salted scrypt hashes", async () => {
    const browser = new TestBrowser(t.app);
    const { email } = await browser.signUp();
    const [row] = await t.db.select().from(users).where(eq(users.email, email));
    expect(row?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(row?.passwordHash).not.toContain("correct horse");
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const browser = new TestBrowser(t.app);
    const { email } = await browser.signUp();
    const wrong = await browser.request("POST", "/api/auth/login", {
      email,
      password: "nope-nope-nope",
    });
    const unknown = await browser.request("POST", "/api/auth/login", {
      email: "nobody@example.test",
      password: "nope-nope-nope",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("names each bad sign-up field: missing ones are required, wrong types must be text", async () => {
    const res = await new TestBrowser(t.app).request("POST", "/api/auth/signup", {
      accountName: 42,
      password: "0123456789",
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { details: { fields: object } } };
    expect(error.details.fields).toEqual({ accountName: "must be text", email: "is required" });
  });

  it("refuses a second account with the same email", async () => {
    const browser = new TestBrowser(t.app);
    const { email } = await browser.signUp();
    const again = await new TestBrowser(t.app).request("POST", "/api/auth/signup", {
      accountName: "Again",
      email,
      password: "0123456789",
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "email_taken" } });
  });

  it("slows down repeated failed logins, then answers 429", async () => {
    const browser = new TestBrowser(t.app);
    const { email } = await browser.signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await browser.request("POST", "/api/auth/login", {
        email,
        password: `wrong-${i}-password`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    // Even the right password is refused while blocked.
    const right = await browser.request("POST", "/api/auth/login", {
      email,
      password: "correct horse battery",
    });
    expect(right.status).toBe(429);
    expect(right.headers.get("content-type")).toContain("application/json");
  });
});
