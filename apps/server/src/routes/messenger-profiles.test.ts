import {
  dataFields,
  messengerDailyReasons,
  messengerDailyStats,
  messengerProfiles,
  programs,
  rowsOf,
} from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { open } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ADMIN_PAGE,
  ANALYST_PAGE,
  createSandboxProfile,
  MODERATOR_PAGE,
  sandboxLogin,
} from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

describe.each(testDrivers())("Messenger profiles on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Shop"));
  });
  afterAll(() => t?.close());

  it("lists the login's pages with the Analyst-only page not selectable, with its reason", async () => {
    const { loginId } = await sandboxLogin(browser);
    expect(loginId).toBeTruthy();
    const res = await browser.request("GET", `/api/messenger/facebook/logins/${loginId}/pages`);
    const { pages } = (await res.json()) as Json;
    const byId = new Map(pages.map((p: Json) => [p.id, p]));
    expect(byId.get(ADMIN_PAGE)).toMatchObject({ selectable: true, reason: null });
    expect(byId.get(MODERATOR_PAGE)).toMatchObject({ selectable: true });
    expect(byId.get(ANALYST_PAGE)).toMatchObject({
      selectable: false,
      reason: expect.stringMatching(/Admin, Editor or Moderator/),
    });
  });

  it("returns to the form with a message when the login is cancelled", async () => {
    const { loginId, loginError, target } = await sandboxLogin(browser, { action: "cancel" });
    expect(loginId).toBeNull();
    expect(target.pathname).toBe("/settings/channels/messenger/new");
    expect(loginError).toMatch(/cancelled/);
  });

  it("refuses a callback whose state was not issued to this account", async () => {
    const res = await browser.request(
      "GET",
      "/api/messenger/facebook/oauth/callback?state=forged&code=abc",
    );
    const target = new URL(res.headers.get("location") ?? "", "http://x");
    expect(target.searchParams.get("loginError")).toMatch(/expired|used/);
  });

  let profileId: string;

  it("creates a profile: token encrypted, page subscribed, FBOPTIN field created, policy set", async () => {
    const res = await createSandboxProfile(browser, { name: "Acme Shoes" });
    expect(res.status).toBe(201);
    const profile = (await res.json()) as Json;
    profileId = profile.id;
    expect(profile).toMatchObject({
      name: "Acme Shoes",
      pageId: ADMIN_PAGE,
      status: "enabled",
      policyVersion: "2018",
      // Nothing was sent yet: connecting the page is not a successful send.
      lastSuccessAt: null,
    });
    expect(profile.optInFieldName).toMatch(/^FBOPTIN_[A-Z2-9]{4}$/);
    expect(JSON.stringify(profile)).not.toMatch(/token/i);

    const [field] = await t.db
      .select()
      .from(dataFields)
      .where(eq(dataFields.name, profile.optInFieldName));
    expect(field).toMatchObject({ system: true, type: "text", accountId });

    const subscribed = await t.runtime.sandbox!.admin.state();
    expect(JSON.stringify(subscribed)).toContain(ADMIN_PAGE);

    const detail = (await (
      await browser.request("GET", `/api/messenger/profiles/${profileId}`)
    ).json()) as Json;
    expect(detail.snippet).toContain('class="fb-send-to-messenger"');
    expect(detail.snippet).toContain(`page_id="${ADMIN_PAGE}"`);
  });

  it("never stores the page token in plaintext, and binds each ciphertext to its row", async () => {
    const [row] = await t.db
      .select()
      .from(messengerProfiles)
      .where(eq(messengerProfiles.id, profileId));
    const token = open(t.runtime.deps.keys.pageToken, row!.pageTokenEnc, row!.id);
    expect(token.length).toBeGreaterThan(10);
    // Every table of Waymark's own schema (fb_sandbox is Facebook's side, where tokens live).
    const tables = rowsOf<{ table_name: string }>(
      await t.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const dump = rowsOf<Json>(await t.db.execute(sql.raw(`select * from "${table_name}"`)));
      expect(JSON.stringify(dump), table_name).not.toContain(token);
    }
    // Nor in API responses or logs, through a reconnect (which fetches and uses the token).
    const logged: unknown[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args);
      }),
    );
    try {
      const { loginId } = await sandboxLogin(browser);
      const responses = [
        await browser.request("POST", `/api/messenger/profiles/${profileId}/reconnect`, {
          loginId,
        }),
        await browser.request("GET", `/api/messenger/profiles/${profileId}`),
        await browser.request("GET", "/api/messenger/profiles"),
        await browser.request("GET", `/api/messenger/facebook/logins/${loginId}/pages`),
      ];
      const texts = await Promise.all(responses.map((res) => res.text()));
      for (const text of texts) expect(text).not.toContain(token);
      // A reconnect is not a send either.
      expect((JSON.parse(texts[0]!) as Json).lastSuccessAt).toBeNull();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(JSON.stringify(logged)).not.toContain(token);
    expect(() =>
      open(t.runtime.deps.keys.pageToken, row!.pageTokenEnc, "another-row-id"),
    ).toThrow();
  });

  it("refuses a second profile on the same page, in this account and in another", async () => {
    const again = await createSandboxProfile(browser, { pageId: ADMIN_PAGE });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.message).toMatch(/already linked/);

    const other = new TestBrowser(t.app);
    await other.signUp("Other");
    const pages = (
      (await (
        await other.request(
          "GET",
          `/api/messenger/facebook/logins/${(await sandboxLogin(other)).loginId}/pages`,
        )
      ).json()) as Json
    ).pages as Json[];
    expect(pages.find((p) => p.id === ADMIN_PAGE)).toMatchObject({
      selectable: false,
      reason: "Already linked to a Messenger profile in another Waymark account",
    });
    const theirs = await createSandboxProfile(other, { pageId: ADMIN_PAGE });
    expect(theirs.status).toBe(409);
  });

  it("refuses the Analyst-only page", async () => {
    const res = await createSandboxProfile(browser, { pageId: ANALYST_PAGE });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.details.fields.pageId).toMatch(
      /Admin, Editor or Moderator/,
    );
  });

  it("refuses to disable or delete a profile an active program uses, naming it", async () => {
    const [program] = await t.db
      .insert(programs)
      .values({
        accountId,
        name: "Spring sale",
        status: "active",
        document: { schemaVersion: 1, nodes: [], edges: [] },
        profileIds: [profileId],
      })
      .returning();
    const disable = await browser.request("PATCH", `/api/messenger/profiles/${profileId}`, {
      status: "disabled",
    });
    expect(disable.status).toBe(409);
    expect(((await disable.json()) as Json).error.message).toContain("'Spring sale'");
    const del = await browser.request("POST", "/api/messenger/profiles/delete", {
      ids: [profileId],
    });
    expect(del.status).toBe(409);
    await t.db.update(programs).set({ status: "deactivated" }).where(eq(programs.id, program!.id));
    const ok = await browser.request("PATCH", `/api/messenger/profiles/${profileId}`, {
      status: "disabled",
    });
    expect(((await ok.json()) as Json).status).toBe("disabled");
  });

  it("gives another account 404 for the profile and its opt-in links", async () => {
    const intruder = new TestBrowser(t.app);
    await intruder.signUp("Intruder");
    const contact = (await (
      await intruder.request("POST", "/api/contacts", { email: "i@example.com" })
    ).json()) as Json;
    for (const [method, path, body] of [
      ["GET", `/api/messenger/profiles/${profileId}`],
      ["PATCH", `/api/messenger/profiles/${profileId}`, { status: "enabled" }],
      ["POST", "/api/messenger/profiles/delete", { ids: [profileId] }],
      ["GET", `/api/messenger/profiles/${profileId}/opt-in-links/${contact.id}`],
    ] as [string, string, unknown?][]) {
      expect((await intruder.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
  });

  it("deletes a profile but keeps contacts and their opt-in values as an ordinary field", async () => {
    const [row] = await t.db
      .select()
      .from(messengerProfiles)
      .where(eq(messengerProfiles.id, profileId));
    const contact = (await (
      await browser.request("POST", "/api/contacts", { email: "keep@example.com" })
    ).json()) as Json;
    await t.db.execute(
      sql`update contacts set values = jsonb_build_object(${row!.optInFieldName}::text, 'psid-1') where id = ${contact.id}`,
    );
    await t.db.insert(messengerDailyStats).values({ profileId, day: "2026-11-20", sent: 3 });
    await t.db.insert(messengerDailyReasons).values({
      profileId,
      day: "2026-11-20",
      kind: "warning",
      reason: "contact has not opted in",
      count: 2,
    });
    const del = await browser.request("POST", "/api/messenger/profiles/delete", {
      ids: [profileId],
    });
    expect(del.status).toBe(200);
    const statsLeft = await t.db
      .select()
      .from(messengerDailyStats)
      .where(eq(messengerDailyStats.profileId, profileId));
    expect(statsLeft).toHaveLength(0);
    const reasonsLeft = await t.db
      .select()
      .from(messengerDailyReasons)
      .where(eq(messengerDailyReasons.profileId, profileId));
    expect(reasonsLeft).toHaveLength(0);
    expect((await browser.request("GET", `/api/messenger/profiles/${profileId}`)).status).toBe(404);
    const kept = (await (
      await browser.request("GET", `/api/contacts/${contact.id}`)
    ).json()) as Json;
    expect(kept.values[row!.optInFieldName]).toBe("psid-1");
    const [field] = await t.db
      .select()
      .from(dataFields)
      .where(eq(dataFields.name, row!.optInFieldName));
    expect(field?.system).toBe(false);
  });
});
