import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGraphError } from "../testing/graph-assertions";
import { createHarness, type Harness, textTo } from "../testing/test-harness";
import { SEED } from "./seed";

describe.each(testDrivers())("state across restarts on %s", (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("seeds once: users, roles, the approved page and people", async () => {
    await h.restart();
    const state = await h.admin.state();
    expect(state.users.map((u) => u.name).sort()).toEqual(["Sam Editor", "Sandbox Admin"]);
    const admin = state.users.find((u) => u.id === SEED.users[0]!.id);
    expect(admin?.pages.map((p) => p.role)).toEqual([
      "Admin",
      "Moderator",
      "Analyst",
      "Admin",
      "Admin",
    ]);
    expect(
      state.pages.filter((p) => p.approvedForNonPromotionalSubscription).map((p) => p.name),
    ).toEqual(["Acme News"]);
    expect(state.pages.find((p) => p.name === "Acme Today")?.policyVersion).toBe("2020");
    expect(state.people).toHaveLength(4);
  });

  it("keeps tokens, subscriptions, PSIDs, blocks and sent messages", async () => {
    const s = await h.setupPage();
    const blocked = await h.setupPage();
    await h.admin.block({ personId: blocked.personId, pageId: blocked.pageId });
    expect((await h.send(s, textTo(s.psid, "before restart"))).status).toBe(200);
    await h.restart();
    expect((await h.send(s, textTo(s.psid, "after restart"))).status).toBe(200);
    await expectGraphError(await h.send(blocked, textTo(blocked.psid)), {
      code: 551,
      subcode: 1545041,
    });
    const state = await h.admin.state();
    expect(state.pages.find((p) => p.id === s.pageId)?.subscribedFields).toContain(
      "message_echoes",
    );
    const texts = (await h.admin.messages({ psid: s.psid })).map((m) => m.text);
    expect(texts).toEqual(["after restart", "before restart"]);
  });

  it("reset with data wipes everything and seeds again", async () => {
    const s = await h.setupPage();
    await h.admin.reset({ data: true });
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 190 });
    const state = await h.admin.state();
    expect(state.pages.map((p) => p.id).sort()).toEqual(SEED.pages.map((p) => p.id));
    expect(await h.admin.messages()).toEqual([]);
  });
});
