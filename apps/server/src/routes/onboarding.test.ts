import { contacts, messengerContacts, programs } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { onboardingStatusSchema } from "@waymark/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxProfile } from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())("onboarding status on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  const status = async (who = browser) => {
    const res = await who.request("GET", "/api/onboarding");
    expect(res.status).toBe(200);
    return onboardingStatusSchema.parse(await res.json());
  };
  const done = async (who = browser) => (await status(who)).steps.map((s) => s.done);
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("First Steps Co"));
  });
  afterAll(() => t?.close());

  it("has every step to do for a new account", async () => {
    expect(await status()).toEqual({
      steps: [
        { id: "connect-messenger", done: false },
        { id: "opt-in-code", done: false },
        { id: "first-program", done: false },
      ],
      complete: false,
      profileId: null,
    });
  });

  let profileId: string;
  it("counts a connected profile, and points at it for the opt-in code", async () => {
    const res = await createSandboxProfile(browser, { name: "Shop" });
    profileId = ((await res.json()) as { id: string }).id;
    const now = await status();
    expect(now.profileId).toBe(profileId);
    expect(now.steps.map((s) => s.done)).toEqual([true, false, false]);
  });

  it("counts the code as on a site once someone opted in through it", async () => {
    const [contact] = await t.db
      .insert(contacts)
      .values({ accountId, email: "ana@example.com", values: {} })
      .returning();
    await t.db.insert(messengerContacts).values({
      accountId,
      profileId,
      contactId: contact!.id,
      psid: "psid-ana",
      optedInAt: null,
    });
    expect(await done()).toEqual([true, false, false]);
    await t.db
      .update(messengerContacts)
      .set({ optedInAt: new Date() })
      .where(eq(messengerContacts.contactId, contact!.id));
    expect(await done()).toEqual([true, true, false]);
  });

  it("counts a program once it has been activated, not while a draft", async () => {
    const document = { schemaVersion: 1, nodes: [], edges: [] };
    const [program] = await t.db
      .insert(programs)
      .values({ accountId, name: "Draft", status: "draft", document })
      .returning();
    expect(await done()).toEqual([true, true, false]);
    await t.db.update(programs).set({ status: "deactivated" }).where(eq(programs.id, program!.id));
    expect(await status()).toMatchObject({ complete: true });
  });

  it("reads only the signed-in account's records", async () => {
    const other = new TestBrowser(t.app);
    await other.signUp("Other Co");
    expect(await done(other)).toEqual([false, false, false]);
  });

  it("needs a session", async () => {
    const anonymous = new TestBrowser(t.app);
    expect((await anonymous.request("GET", "/api/onboarding")).status).toBe(401);
  });
});
