import { messengerMessages, messengerProfiles } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile, sandboxLogin } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { messengerProgram } from "../testing/test-programs";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

describe.each(testDrivers())("Facebook faults against the sandbox on %s", (driver) => {
  let clock = new Date("2026-11-20T09:00:00Z");
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profile: Json;
  let run = 0;

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Faults"));
    profile = (await (
      await createSandboxProfile(browser, { name: "Faulty", pageId: ADMIN_PAGE })
    ).json()) as Json;
  });
  beforeEach(async () => {
    await t.runtime.sandbox!.admin.reset();
  });
  afterAll(() => t?.close());

  /** n opted-in contacts through Start → Messenger → End; returns their message rows. */
  async function runProgram(n: number, between?: () => Promise<void>) {
    run += 1;
    const list = (await (
      await browser.request("POST", "/api/lists", { name: `Run ${run}` })
    ).json()) as Json;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = (await (
        await browser.request("POST", "/api/contacts", {
          email: `r${run}-${i}@example.com`,
          values: { FIRSTNAME: `R${run}-${i}` },
        })
      ).json()) as Json;
      ids.push(c.id);
      const person = await t.runtime.sandbox!.admin.addPerson({
        firstName: `R${i}`,
        lastName: `Run${run}`,
      });
      const { ref } = (await (
        await browser.request("GET", `/api/messenger/profiles/${profile.id}/opt-in-links/${c.id}`)
      ).json()) as Json;
      await t.runtime.sandbox!.admin.optIn({ personId: person.id, pageId: ADMIN_PAGE, ref });
    }
    await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: ids });
    await t.runtime.sandbox!.admin.settle();
    await driveEngine(t);
    await between?.();
    await insertActiveProgram(t, {
      accountId,
      name: `Faults ${run}`,
      startListId: list.id,
      profileIds: [profile.id],
      document: messengerProgram({
        profileId: profile.id,
        listId: list.id,
        text: "Hello @FIRSTNAME@",
      }),
    });
    return ids;
  }

  /** Drives the engine repeatedly while time passes, so backed-off retries come due. */
  async function driveWithTime(rounds = 12) {
    for (let i = 0; i < rounds; i++) {
      await driveEngine(t);
      clock = new Date(clock.getTime() + 20 * 60_000);
    }
  }

  const messagesOf = (ids: string[]) =>
    t.db.select().from(messengerMessages).where(inArray(messengerMessages.contactId, ids));
  const sandboxTexts = async () =>
    (await t.runtime.sandbox!.admin.messages({ limit: 10_000 })).map((m) => m.text);

  it("retries 613 storms and 5xx bursts until every message is sent exactly once", async () => {
    const ids = await runProgram(12);
    await t.runtime.sandbox!.admin.setFaults({
      errors: [{ code: 613, count: 15 }],
      burst: { status: 503, count: 6 },
    });
    await driveWithTime();
    const rows = await messagesOf(ids);
    expect(
      rows.map((r) => r.status).every((s) => s === "sent" || s === "delivered" || s === "read"),
    ).toBe(true);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeGreaterThan(1);
    const texts = await sandboxTexts();
    for (let i = 0; i < 12; i++)
      expect(texts.filter((x) => x === `Hello R${run}-${i}`)).toHaveLength(1);
    await expectStatsMatchMessages(t);
  });

  it("does not retry 551 or window errors, and records Facebook's code and message", async () => {
    const ids = await runProgram(6);
    await t.runtime.sandbox!.admin.setFaults({
      errors: [
        { code: 551, count: 2 },
        { code: 10, subcode: 2018278, count: 1 },
      ],
    });
    await driveWithTime(3);
    const rows = await messagesOf(ids);
    const failed = rows.filter((r) => r.status === "failed");
    expect(failed).toHaveLength(3);
    for (const f of failed) {
      expect(f.attempts).toBe(1);
      expect(f.reason).toMatch(/^Facebook error (551(\/\d+)?|10\/2018278): /);
    }
    expect(failed.map((f) => f.errorCode).sort()).toEqual([10, 551, 551]);
    await expectStatsMatchMessages(t);
  });

  it("pauses a profile whose token Facebook revoked, without burning its messages", async () => {
    const ids = await runProgram(4);
    await t.runtime.sandbox!.admin.setFaults({ errors: [{ code: 190 }] });
    await driveWithTime(3);
    const [row] = await t.db
      .select()
      .from(messengerProfiles)
      .where(eq(messengerProfiles.id, profile.id));
    expect(row?.connection).toBe("lost");
    expect(row?.lastError).toMatch(/Facebook error 190/);
    const rows = await messagesOf(ids);
    expect(rows.every((r) => r.status === "queued")).toBe(true);
    // The page is no longer reachable: nothing was sent while the profile was paused.
    expect((await sandboxTexts()).filter((x) => x?.startsWith(`Hello R${run}-`))).toHaveLength(0);
    // Reconnect (a fresh Facebook login) and the queued messages go out.
    await t.runtime.sandbox!.admin.resetFaults();
    const { loginId } = await sandboxLogin(browser);
    const reconnected = await browser.request(
      "POST",
      `/api/messenger/profiles/${profile.id}/reconnect`,
      { loginId },
    );
    expect(((await reconnected.json()) as Json).connection).toBe("ok");
    await driveWithTime(2);
    expect(
      (await messagesOf(ids)).every((r) => r.status === "delivered" || r.status === "read"),
    ).toBe(true);
  });

  it("counts each delivery once under duplicated and reordered receipts", async () => {
    const ids = await runProgram(8, async () => {
      await t.runtime.sandbox!.admin.setFaults({ webhooks: { duplicate: 1, reorder: 0.5 } });
    });
    await driveWithTime(3);
    const rows = await messagesOf(ids);
    expect(rows.map((r) => r.status)).toEqual(
      ids.map(() => expect.stringMatching(/^(delivered|read)$/)),
    );
    await expectStatsMatchMessages(t);
  });
});
