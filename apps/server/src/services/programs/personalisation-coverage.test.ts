import { messengerProfiles } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestBrowser } from "../../testing/test-app";
import {
  createProgramAs,
  insertProfile,
  type Json,
  json,
  validDocument,
} from "../../testing/test-programs";
import { countPersonalisationCoverage } from "./personalisation-coverage";

describe.each(testDrivers())("personalisation coverage and Messenger lints on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let listId: string;
  const post = (path: string, body: unknown = {}) => browser.request("POST", path, body);

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Coverage Co"));
    await post("/api/data-fields", { name: "CITY", type: "text" });
    await post("/api/data-fields", { name: "TIER", type: "text", defaultValue: "Member" });
    await post("/api/data-fields", { name: "VIP", type: "boolean" });
    const ids: string[] = [];
    const people: [string, Json][] = [
      ["ana", { FIRSTNAME: "Ana", CITY: "Lisbon", VIP: true }],
      ["bo", { FIRSTNAME: "Bo", CITY: "" }],
      ["cy", { FIRSTNAME: "Cyrielle-Marguerite" }],
      ["di", {}],
    ];
    for (const [name, values] of people) {
      const res = await post("/api/contacts", { email: `${name}@example.com`, values });
      ids.push(((await json(res)) as Json).id);
    }
    // Someone outside the list, whose long city must not count.
    await post("/api/contacts", { email: "out@example.com", values: { CITY: "x".repeat(300) } });
    listId = ((await json(await post("/api/lists", { name: "Spring" }))) as Json).id;
    await post(`/api/lists/${listId}/members`, { contactIds: ids });
  });
  afterAll(() => t?.close());

  it("counts, over the list's members only, who has no value and no default, and the longest value", async () => {
    const coverage = await countPersonalisationCoverage(t.db, accountId, {
      listId,
      fields: [
        { name: "FIRSTNAME", type: "text", defaultValue: null },
        { name: "CITY", type: "text", defaultValue: null },
        { name: "TIER", type: "text", defaultValue: "Member" },
        { name: "VIP", type: "boolean", defaultValue: null },
      ],
    });
    expect(coverage).toEqual({
      scope: "start_list",
      contacts: 4,
      fields: {
        FIRSTNAME: { empty: 1, longest: 19 },
        CITY: { empty: 3, longest: 6 }, // an empty string is no value
        TIER: { empty: 0, longest: 0 }, // everyone gets the default
        VIP: { empty: 3, longest: 3 },
      },
    });
    const account = await countPersonalisationCoverage(t.db, accountId, {
      listId: null,
      fields: [{ name: "CITY", type: "text", defaultValue: null }],
    });
    expect(account).toEqual({
      scope: "account",
      contacts: 5,
      fields: { CITY: { empty: 3, longest: 300 } },
    });
  });

  it("validation returns the warnings and the coverage of the program's start list", async () => {
    const profileId = await insertProfile(t.db, accountId, {
      name: "Outlet",
      policy: "2020",
      live: t,
    });
    const document = validDocument(profileId, listId);
    const hello = document.nodes!.find((n) => n.id === "hello")!;
    hello.data = { profileId, tagId: "shipping_update", text: "Free shipping to @CITY@!" };
    const { id } = await createProgramAs(browser, "Spring", document);
    const checked = await json(await post(`/api/programs/${id}/validate`));
    expect(checked.valid).toBe(true);
    expect(checked.coverage).toEqual({
      scope: "start_list",
      contacts: 4,
      fields: { CITY: { empty: 3, longest: 6 } },
    });
    expect(checked.warnings).toEqual([
      expect.objectContaining({ code: "messenger_tag_promotional", nodeId: "hello" }),
      expect.objectContaining({
        code: "messenger_field_empty_for_contacts",
        field: "CITY",
        message: expect.stringContaining("empty for 3 of 4 contacts in the start list (75%)"),
      }),
    ]);
    // Warnings never block activation.
    expect((await post(`/api/programs/${id}/activate`)).status).toBe(200);
  });

  it("refuses to activate a program using Personal productivity or a profile that lost its connection", async () => {
    const profileId = await insertProfile(t.db, accountId, { name: "Shop", live: t });
    const document = validDocument(profileId, listId);
    const hello = document.nodes!.find((n) => n.id === "hello")!;
    hello.data = { profileId, tagId: "personal_productivity", text: "Your to-do list" };
    const { id } = await createProgramAs(browser, "Order updates", document);
    const refused = await post(`/api/programs/${id}/activate`);
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message).toContain(
      "Choose Business productivity or Account update",
    );

    await t.db
      .update(messengerProfiles)
      .set({ connection: "lost", lastError: "Error validating access token" })
      .where(eq(messengerProfiles.id, profileId));
    const { id: other } = await createProgramAs(browser, "Plain", validDocument(profileId, listId));
    const lost = await post(`/api/programs/${other}/activate`);
    expect(lost.status).toBe(409);
    const { error } = await json(lost);
    expect(error.message).toContain("Profile 'Shop' lost its connection to Facebook");
    expect(error.message).toContain("Error validating access token");
    expect(error.details.issues[0]).toMatchObject({
      code: "messenger_profile_disconnected",
      nodeId: "hello",
      profileId,
    });
  });
});
