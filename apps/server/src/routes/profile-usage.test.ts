import { programs } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { profileUsageSchema } from "@waymark/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxProfile, MODERATOR_PAGE } from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

describe.each(testDrivers())("a profile's blocking programs on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let used: string;
  let unused: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Usage Co"));
    used = ((await (await createSandboxProfile(browser, { name: "Shop" })).json()) as Json).id;
    unused = (
      (await (
        await createSandboxProfile(browser, { name: "Spare", pageId: MODERATOR_PAGE })
      ).json()) as Json
    ).id;
    const program = (name: string, status: "active" | "deactivated" | "draft") => ({
      accountId,
      name,
      status,
      document: { schemaVersion: 1, nodes: [], edges: [] },
      profileIds: [used],
    });
    await t.db
      .insert(programs)
      .values([
        program("Spring sale", "active"),
        program("Autumn sale", "active"),
        program("Paused", "deactivated"),
        program("Draft", "draft"),
      ]);
  });
  afterAll(() => t?.close());

  it("lists each profile with the active programs using it, by name, with their ids", async () => {
    const { profiles } = (await (
      await browser.request("GET", "/api/messenger/profiles")
    ).json()) as Json;
    const byName = new Map(profiles.map((p: Json) => [p.name, p]));
    const shop = profileUsageSchema.parse(byName.get("Shop"));
    expect(shop.activePrograms.map((p) => p.name)).toEqual(["Autumn sale", "Spring sale"]);
    expect(profileUsageSchema.parse(byName.get("Spare")).activePrograms).toEqual([]);
  });

  it("gives one profile's blocking programs with the profile", async () => {
    const res = await browser.request("GET", `/api/messenger/profiles/${used}`);
    const { activePrograms } = profileUsageSchema.parse(await res.json());
    expect(activePrograms.map((p) => p.name)).toEqual(["Autumn sale", "Spring sale"]);
    const ids = new Set(activePrograms.map((p) => p.id));
    expect(ids.size).toBe(2);
    const unusedRes = await browser.request("GET", `/api/messenger/profiles/${unused}`);
    expect(profileUsageSchema.parse(await unusedRes.json()).activePrograms).toEqual([]);
  });

  it("names the same programs the refusal to disable names", async () => {
    const res = await browser.request("PATCH", `/api/messenger/profiles/${used}`, {
      status: "disabled",
    });
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as Json;
    expect([...error.details.programs].sort()).toEqual(["Autumn sale", "Spring sale"]);
  });
});
