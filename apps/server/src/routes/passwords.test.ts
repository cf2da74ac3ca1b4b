import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePasswordReset, RESET_TTL_MS } from "../services/auth/password-reset";
import { createTestApp, type TestApp } from "../testing/test-app";
import { TestDevice } from "../testing/test-device";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

describe.each(testDrivers())("passwords and sessions on %s", (driver) => {
  let t: TestApp;
  let clock = Date.now();
  let n = 0;
  const device = () => new TestDevice(t.app, `203.0.113.${++n}`);
  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => new Date(clock) });
  });
  afterAll(() => t?.close());

  /** An owner signed in on a laptop, plus a phone and a tablet logged in too. */
  async function ownerWithThreeSessions() {
    const laptop = device();
    const { email, password } = await laptop.signUp();
    const phone = device();
    const tablet = device();
    expect((await phone.logIn(email, password)).status).toBe(200);
    expect((await tablet.logIn(email, password)).status).toBe(200);
    return { email, password, laptop, phone, tablet };
  }
  const me = async (d: TestDevice) => (await d.request("GET", "/api/auth/me")).status;

  describe("changing the password", () => {
    it("needs the right current password, and names the field", async () => {
      const { laptop } = await ownerWithThreeSessions();
      const res = await laptop.request("POST", "/api/auth/password", {
        currentPassword: "not my password",
        newPassword: "a brand new password",
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).error).toMatchObject({
        code: "wrong_password",
        message: "Your current password is not right",
        details: { fields: { currentPassword: "is not your current password" } },
      });
    });

    it.each([
      [{ currentPassword: "correct horse battery", newPassword: "short" }, "newPassword"],
      [
        { currentPassword: "correct horse battery", newPassword: "correct horse battery" },
        "newPassword",
      ],
      [{ newPassword: "a brand new password" }, "currentPassword"],
    ])("refuses %o naming %s", async (body, field) => {
      const { laptop } = await ownerWithThreeSessions();
      const res = await laptop.request("POST", "/api/auth/password", body);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as Json;
      expect(Object.keys(error.details.fields)).toEqual([field]);
    });

    it("ends the other sessions, keeps this browser in, refuses the old password", async () => {
      const { email, password, laptop, phone, tablet } = await ownerWithThreeSessions();
      const res = await laptop.request("POST", "/api/auth/password", {
        currentPassword: password,
        newPassword: "a brand new password",
      });
      expect(res.status).toBe(204);
      expect(await me(laptop)).toBe(200);
      expect(await me(phone)).toBe(401);
      expect(await me(tablet)).toBe(401);
      expect((await device().logIn(email, password)).status).toBe(401);
      expect((await device().logIn(email, "a brand new password")).status).toBe(200);
    });

    it("ends the session it was changed from under its old cookie (a new one is issued)", async () => {
      const { password, laptop } = await ownerWithThreeSessions();
      const before = laptop.cookies.get("waymark_session");
      await laptop.request("POST", "/api/auth/password", {
        currentPassword: password,
        newPassword: "a brand new password",
      });
      expect(laptop.cookies.get("waymark_session")).not.toBe(before);
      const stale = new TestDevice(t.app, laptop.address);
      stale.cookies.set("waymark_session", before ?? "");
      expect(await me(stale)).toBe(401);
    });

    it("slows down guessing the current password from a signed-in session", async () => {
      const { laptop } = await ownerWithThreeSessions();
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await laptop.request("POST", "/api/auth/password", {
          currentPassword: `guess number ${i}`,
          newPassword: "a brand new password",
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
    });

    it("needs a session", async () => {
      const res = await device().request("POST", "/api/auth/password", {
        currentPassword: "x",
        newPassword: "a brand new password",
      });
      expect(res.status).toBe(401);
    });
  });

  describe("log out everywhere", () => {
    it("ends every other session of the user and keeps this one", async () => {
      const { laptop, phone, tablet } = await ownerWithThreeSessions();
      const other = device();
      await other.signUp(); // another user's session stays
      const res = await laptop.request("POST", "/api/auth/logout-everywhere");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ endedSessions: 2 });
      expect(await me(laptop)).toBe(200);
      expect(await me(phone)).toBe(401);
      expect(await me(tablet)).toBe(401);
      expect(await me(other)).toBe(200);
    });

    it("needs a session", async () => {
      expect((await device().request("POST", "/api/auth/logout-everywhere")).status).toBe(401);
    });
  });

  describe("password reset", () => {
    async function issue(email: string) {
      const issued = await issuePasswordReset({ db: t.db, now: () => new Date(clock) }, email);
      if (!issued) throw new Error("no user");
      return issued.token;
    }

    it("sets a new password once, ends every session, signs this browser in", async () => {
      const { email, password, laptop, phone } = await ownerWithThreeSessions();
      const token = await issue(email.toUpperCase());
      const browser = device();
      const res = await browser.request("POST", "/api/auth/password-reset", {
        token,
        newPassword: "reset to this one",
      });
      expect(res.status).toBe(200);
      expect(await me(browser)).toBe(200);
      expect(await me(laptop)).toBe(401);
      expect(await me(phone)).toBe(401);
      expect((await device().logIn(email, password)).status).toBe(401);
      expect((await device().logIn(email, "reset to this one")).status).toBe(200);

      const again = await device().request("POST", "/api/auth/password-reset", {
        token,
        newPassword: "and once more please",
      });
      expect(again.status).toBe(400);
      expect(((await again.json()) as Json).error).toMatchObject({
        code: "invalid_reset_token",
        details: { fields: { token: "has expired or was already used" } },
      });
      expect((await device().logIn(email, "and once more please")).status).toBe(401);
    });

    it("expires after an hour", async () => {
      const { email, password } = await ownerWithThreeSessions();
      const token = await issue(email);
      clock += RESET_TTL_MS + 1000;
      const res = await device().request("POST", "/api/auth/password-reset", {
        token,
        newPassword: "too late for this",
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).error.code).toBe("invalid_reset_token");
      expect((await device().logIn(email, password)).status).toBe(200);
    });

    it("takes a token only once when two browsers use it at the same time", async () => {
      const { email } = await ownerWithThreeSessions();
      const token = await issue(email);
      const statuses = await Promise.all(
        ["first new password", "second new password"].map((newPassword) =>
          device()
            .request("POST", "/api/auth/password-reset", { token, newPassword })
            .then((r) => r.status),
        ),
      );
      expect(statuses.sort()).toEqual([200, 400]);
    });

    it("refuses an unknown token and a short password, naming the field", async () => {
      const unknown = await device().request("POST", "/api/auth/password-reset", {
        token: "not-a-token",
        newPassword: "long enough password",
      });
      expect(unknown.status).toBe(400);
      const short = await device().request("POST", "/api/auth/password-reset", {
        token: "not-a-token",
        newPassword: "short",
      });
      expect(short.status).toBe(400);
      expect(((await short.json()) as Json).error.details.fields).toEqual({
        newPassword: "must be at least 10 characters",
      });
    });

    it("lets the owner in after a reset even while her email was locked", async () => {
      const { email } = await ownerWithThreeSessions();
      for (let i = 0; i < 14; i++) await device().logIn(email, `wrong-${i}-password`);
      expect((await device().logIn(email, "correct horse battery")).status).toBe(429);
      const token = await issue(email);
      await device().request("POST", "/api/auth/password-reset", {
        token,
        newPassword: "reset to this one",
      });
      expect((await device().logIn(email, "reset to this one")).status).toBe(200);
    });

    it("issues nothing for an unknown email", async () => {
      expect(
        await issuePasswordReset({ db: t.db, now: () => new Date(clock) }, "nobody@example.test"),
      ).toBeNull();
    });
  });
});
