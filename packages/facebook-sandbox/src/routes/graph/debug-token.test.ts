import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../admin/seed";
import { appSecretProof } from "../../state/app-secret-proof";
import { expectGraphError } from "../../testing/graph-assertions";
import { APP_ID, APP_SECRET, createHarness, type Harness } from "../../testing/test-harness";

describe.each(testDrivers())("debug_token on %s", (driver) => {
  let h: Harness;
  const userId = SEED.users[0]!.id;
  const pageId = SEED.pages[0]!.id;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });
  const debug = (token: string, input = token, proof = appSecretProof(APP_SECRET, token)) =>
    h.app.request(
      `/v25.0/debug_token?input_token=${input}&access_token=${token}&appsecret_proof=${proof}`,
    );

  it("describes a Page token asking about itself: its Page and its permissions", async () => {
    const token = await h.admin.pageToken({ userId, pageId });
    const response = await debug(token);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: Record<string, unknown> };
    expect(data).toMatchObject({
      app_id: APP_ID,
      type: "PAGE",
      is_valid: true,
      profile_id: pageId,
      user_id: userId,
      expires_at: 0,
    });
    expect(data.scopes).toContain("pages_messaging");
    expect(data.granular_scopes).toContainEqual({ scope: "pages_messaging", target_ids: [pageId] });
  });

  it("shows a Page token granted without pages_messaging", async () => {
    const token = await h.admin.pageToken({
      userId,
      pageId,
      scopes: ["public_profile", "pages_show_list", "pages_manage_metadata"],
    });
    const { data } = (await (await debug(token)).json()) as { data: { scopes: string[] } };
    expect(data.scopes).not.toContain("pages_messaging");
  });

  it("answers 190 once the app is removed from the Page, and checks token and proof", async () => {
    const token = await h.admin.pageToken({ userId, pageId: SEED.pages[1]!.id });
    const other = await h.admin.pageToken({ userId, pageId });
    await expectGraphError(await debug(token, other), { code: 100 });
    await expectGraphError(await debug(token, ""), { code: 100 });
    await expectGraphError(await debug(token, token, "0".repeat(64)), {
      code: 100,
      type: "GraphMethodException",
    });
    await expectGraphError(await debug("nope"), { code: 190 });
    await h.admin.revokePage(SEED.pages[1]!.id);
    const error = await expectGraphError(await debug(token), { code: 190, subcode: 458 });
    expect(error.message).toMatch(/has not authorized application/);
  });
});
