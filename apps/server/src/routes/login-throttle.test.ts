import { loginThrottle } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_ATTEMPTS } from "../services/auth/log-in";
import { createTestApp, type TestApp } from "../testing/test-app";
import { TestDevice } from "../testing/test-device";

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe.each(testDrivers())("log-in throttle on %s", (driver) => {
  let t: TestApp;
  let n = 0;
  /** A fresh client address for each test, so tests do not share counters. */
  const address = () => `198.51.100.${++n}`;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  it("checks at most the limit of 60 parallel wrong passwords for one email", async () => {
    const { email } = await new TestDevice(t.app, address()).signUp();
    const attacker = address();
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        new TestDevice(t.app, attacker).logIn(email, `wrong-${i}-password`).then((r) => r.status),
      ),
    );
    expect(count(statuses, 401)).toBe(FREE_ATTEMPTS.addressEmail);
    expect(count(statuses, 429)).toBe(60 - FREE_ATTEMPTS.addressEmail);
  });

  it("stops one address trying one password on many emails, not another address", async () => {
    const attacker = address();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        new TestDevice(t.app, attacker)
          .logIn(`victim-${i}-${crypto.randomUUID()}@example.test`, "Summer2024!")
          .then((r) => r.status),
      ),
    );
    expect(count(statuses, 401)).toBe(FREE_ATTEMPTS.address);
    expect(count(statuses, 429)).toBe(40 - FREE_ATTEMPTS.address);
    const elsewhere = await new TestDevice(t.app, address()).logIn(
      "victim-0@example.test",
      "Summer2024!",
    );
    expect(elsewhere.status).toBe(401);
  });

  it("lets the owner in from another address while the attacker's address is blocked", async () => {
    const { email, password } = await new TestDevice(t.app, address()).signUp();
    const attacker = new TestDevice(t.app, address());
    for (let i = 0; i < 8; i++) await attacker.logIn(email, `wrong-${i}-password`);
    expect((await attacker.logIn(email, password)).status).toBe(429);
    const owner = new TestDevice(t.app, address());
    expect((await owner.logIn(email, password)).status).toBe(200);
  });

  it("lets the owner in from a known browser while many addresses have locked the email", async () => {
    const { email, password } = await new TestDevice(t.app, address()).signUp();
    const laptop = new TestDevice(t.app, address());
    expect((await laptop.logIn(email, password)).status).toBe(200);
    expect(laptop.cookies.get("waymark_device")).toMatch(/^[\w-]{40,}$/);
    await laptop.request("POST", "/api/auth/logout");

    const attempts = FREE_ATTEMPTS.email + 2;
    const statuses: number[] = [];
    for (let i = 0; i < attempts; i++) {
      const res = await new TestDevice(t.app, address()).logIn(email, `wrong-${i}-password`);
      statuses.push(res.status);
    }
    expect(count(statuses, 401)).toBe(FREE_ATTEMPTS.email);
    expect(count(statuses, 429)).toBe(2);

    // A new browser, even the owner's, waits; the browser she used before gets in, from anywhere.
    expect((await new TestDevice(t.app, address()).logIn(email, password)).status).toBe(429);
    laptop.address = address();
    expect((await laptop.logIn(email, password)).status).toBe(200);
    expect((await laptop.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("throttles a known browser on its own key", async () => {
    const device = new TestDevice(t.app, address());
    const { email } = await device.signUp();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        device.logIn(email, `wrong-${i}-password`).then((r) => r.status),
      ),
    );
    expect(count(statuses, 401)).toBe(FREE_ATTEMPTS.device);
  });

  it("does not let an address wipe its count by logging in to its own account", async () => {
    const here = address();
    const mine = await new TestDevice(t.app, here).signUp();
    for (let i = 0; i < FREE_ATTEMPTS.address - 1; i++) {
      const res = await new TestDevice(t.app, here).logIn(`nobody-${i}@example.test`, "guess-1234");
      expect(res.status).toBe(401);
    }
    expect((await new TestDevice(t.app, here).logIn(mine.email, mine.password)).status).toBe(200);
    const last = await new TestDevice(t.app, here).logIn("nobody-x@example.test", "guess-1234");
    expect(last.status).toBe(401);
    const over = await new TestDevice(t.app, here).logIn("nobody-y@example.test", "guess-1234");
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("counts a real HTTP client by its socket address", async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: t.url },
      body: JSON.stringify({ email: "socket@example.test", password: "wrong-password" }),
    });
    expect(res.status).toBe(401);
    const rows = await t.db
      .select({ key: loginThrottle.key })
      .from(loginThrottle)
      .where(like(loginThrottle.key, "address:%"));
    expect(rows.map((r) => r.key)).toContain("address:127.0.0.1");
  });
});
