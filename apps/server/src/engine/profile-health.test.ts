import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { messengerProfiles, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { checkActiveProfiles, seal } from "@waymark/engine";
import { createFacebookClient } from "@waymark/facebook";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateProgram } from "../services/programs/change-program-state";
import {
  ADMIN_PAGE,
  createSandboxProfile,
  MODERATOR_PAGE,
  SANDBOX_ADMIN_USER,
} from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { messengerProgram } from "../testing/test-programs";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

/** Issue 16.3: a profile's connection is checked with Facebook before any send fails. */
describe.each(testDrivers())("profile health on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let userId: string | null;
  let listId: string;
  let moderated: string;
  const json = async (res: Response) => (await res.json()) as Json;

  /** A program Start → Messenger (through the profile) → End, saved as a draft. */
  const programUsing = async (name: string, profileId: string) => {
    const document = messengerProgram({ profileId, listId, text: "Hello" });
    return (await json(await browser.request("POST", "/api/programs", { name, document }))).id;
  };
  const profileOn = async (name: string, pageId: string) =>
    (await json(await createSandboxProfile(browser, { name, pageId }))).id as string;
  const connection = async (profileId: string) => {
    const [row] = await t.db
      .select()
      .from(messengerProfiles)
      .where(eq(messengerProfiles.id, profileId));
    return { connection: row?.connection, lastError: row?.lastError };
  };
  const sends = async () => {
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from messenger_messages`),
    );
    return row?.n;
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId, userId } = await browser.signUp("Health"));
    listId = (await json(await browser.request("POST", "/api/lists", { name: "Launch" }))).id;
  });
  afterAll(() => t?.close());

  it("refuses activation once the app was removed from the Page, asking Facebook live", async () => {
    const profileId = await profileOn("Moderated", MODERATOR_PAGE);
    moderated = profileId;
    const program = await programUsing("Refused", profileId);
    await t.runtime.sandbox!.admin.revokePage(MODERATOR_PAGE);
    expect(await connection(profileId)).toMatchObject({ connection: "ok" });

    const refused = await browser.request("POST", `/api/programs/${program}/activate`, {});
    expect(refused.status).toBe(409);
    const { error } = await json(refused);
    expect(error.message).toContain("Profile 'Moderated' lost its connection to Facebook");
    expect(error.message).toMatch(/has not authorized application/);
    expect(await connection(profileId)).toMatchObject({ connection: "lost" });
    expect(await sends()).toBe(0);
  });

  it("refuses activation when the Page's access lacks pages_messaging", async () => {
    const profileId = await profileOn("Narrow", ADMIN_PAGE);
    const program = await programUsing("Narrow", profileId);
    const narrow = await t.runtime.sandbox!.admin.pageToken({
      userId: SANDBOX_ADMIN_USER,
      pageId: ADMIN_PAGE,
      scopes: ["public_profile", "pages_show_list", "pages_manage_metadata"],
    });
    await t.db
      .update(messengerProfiles)
      .set({ pageTokenEnc: seal(t.runtime.deps.keys.pageToken, narrow, profileId) })
      .where(eq(messengerProfiles.id, profileId));
    const refused = await browser.request("POST", `/api/programs/${program}/activate`, {});
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message).toContain("lacks the pages_messaging permission");
    await t.db.execute(sql`delete from programs where id = ${program}::uuid`);
    await t.db.delete(messengerProfiles).where(eq(messengerProfiles.id, profileId));
  });

  it("the leader's health pass marks a profile in use lost without any send", async () => {
    const profileId = await profileOn("Shop", ADMIN_PAGE);
    const program = await programUsing("Launch", profileId);
    const activated = await browser.request("POST", `/api/programs/${program}/activate`, {});
    expect(activated.status).toBe(200);
    expect((await json(activated)).warnings).toEqual([]);
    expect(await checkActiveProfiles(t.runtime.deps)).toBe(0);
    expect(await connection(profileId)).toMatchObject({ connection: "ok" });

    await t.runtime.sandbox!.admin.revokePage(ADMIN_PAGE);
    expect(await checkActiveProfiles(t.runtime.deps)).toBe(1);
    const after = await connection(profileId);
    expect(after.connection).toBe("lost");
    expect(after.lastError).toMatch(/has not authorized application/);
    expect(await sends()).toBe(0);
    // The profile page lists the program it affects; a second pass changes nothing.
    const profile = await json(
      await browser.request("GET", `/api/messenger/profiles/${profileId}`),
    );
    expect(profile).toMatchObject({ connection: "lost", activePrograms: [{ name: "Launch" }] });
    expect(await checkActiveProfiles(t.runtime.deps)).toBe(0);
  });

  it("activates when Facebook does not answer in time", async () => {
    // A Graph API that accepts connections and never answers.
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const facebook = createFacebookClient({
        graphApiUrl: `http://127.0.0.1:${port}`,
        dialogUrl: `http://127.0.0.1:${port}`,
        version: "v25.0",
        appId: "1",
        appSecret: "s",
        fetch: globalThis.fetch,
        timeoutMs: 60_000,
      });
      // The profile lost above, as if reconnected: only the silent Facebook is asked now.
      const profileId = moderated;
      await t.db
        .update(messengerProfiles)
        .set({ connection: "ok", lastError: null })
        .where(eq(messengerProfiles.id, profileId));
      const program = await programUsing("Quiet", profileId);
      const started = performance.now();
      const view = await activateProgram(
        { ...t.runtime.deps, facebook },
        { accountId, userId },
        program,
      );
      expect(view.status).toBe("active");
      expect(view.warnings).toEqual([
        expect.stringContaining("Facebook did not answer in time about profile 'Moderated'"),
      ]);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(await connection(profileId)).toMatchObject({ connection: "ok" });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe.each(testDrivers())("the leader's profile health loop on %s", (driver) => {
  it("marks a profile lost on its own, with the engine running and nothing to send", async () => {
    const t = await createTestApp(driver, { engine: true, env: { PROFILE_HEALTH_SECONDS: "1" } });
    try {
      const browser = new TestBrowser(t.app);
      await browser.signUp("Loop");
      const profileId = (
        (await (
          await createSandboxProfile(browser, { name: "Loop", pageId: ADMIN_PAGE })
        ).json()) as Json
      ).id as string;
      const list = (await (
        await browser.request("POST", "/api/lists", { name: "Empty" })
      ).json()) as Json;
      const document = messengerProgram({ profileId, listId: list.id, text: "Hello" });
      const program = (await (
        await browser.request("POST", "/api/programs", { name: "Loop", document })
      ).json()) as Json;
      const activated = await browser.request("POST", `/api/programs/${program.id}/activate`, {});
      expect(activated.status, await activated.clone().text()).toBe(200);
      await t.runtime.sandbox!.admin.revokePage(ADMIN_PAGE);
      await expect
        .poll(
          async () => {
            const [row] = await t.db
              .select({ connection: messengerProfiles.connection })
              .from(messengerProfiles)
              .where(eq(messengerProfiles.id, profileId));
            return row?.connection;
          },
          { timeout: 15_000, interval: 250 },
        )
        .toBe("lost");
      const [sent] = rowsOf<{ n: number }>(
        await t.db.execute(sql`select count(*)::int as n from messenger_messages`),
      );
      expect(sent?.n).toBe(0);
    } finally {
      await t.close();
    }
  });
});
