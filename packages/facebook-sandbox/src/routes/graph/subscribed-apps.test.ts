import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../admin/seed";
import { appSecretProof } from "../../state/app-secret-proof";
import { expectGraphError } from "../../testing/graph-assertions";
import { APP_ID, APP_SECRET, createHarness, type Harness } from "../../testing/test-harness";

describe.each(testDrivers())("subscribed_apps on %s", (driver) => {
  let h: Harness;
  let token: string;
  const pageId = SEED.pages[0]!.id;
  beforeAll(async () => {
    h = await createHarness(driver);
    token = await h.admin.pageToken({ userId: SEED.users[0]!.id, pageId });
  });
  afterAll(async () => {
    await h?.close();
  });
  const call = (method: string, query = "", init: RequestInit = {}, tok = token, page = pageId) =>
    h.app.request(
      `/v25.0/${page}/subscribed_apps?access_token=${tok}&appsecret_proof=${appSecretProof(APP_SECRET, tok)}${query}`,
      { method, ...init },
    );

  it("subscribes with a comma list, reads back, and unsubscribes", async () => {
    expect(await (await call("GET")).json()).toEqual({ data: [] });
    const post = await call(
      "POST",
      "&subscribed_fields=messages,messaging_optins,message_deliveries,message_reads",
    );
    expect(await post.json()).toEqual({ success: true });
    expect(await (await call("GET")).json()).toEqual({
      data: [
        {
          id: APP_ID,
          name: "Waymark",
          subscribed_fields: [
            "messages",
            "messaging_optins",
            "message_deliveries",
            "message_reads",
          ],
        },
      ],
    });
    expect(await (await call("DELETE")).json()).toEqual({ success: true });
    expect(await (await call("GET")).json()).toEqual({ data: [] });
  });

  it("accepts a JSON array in a JSON body", async () => {
    const body = JSON.stringify({ subscribed_fields: ["messages", "message_echoes"] });
    const response = await call("POST", "", {
      body,
      headers: { "Content-Type": "application/json" },
    });
    expect(response.status).toBe(200);
    const read = (await (await call("GET")).json()) as {
      data: Array<{ subscribed_fields: string[] }>;
    };
    expect(read.data[0]?.subscribed_fields).toEqual(["messages", "message_echoes"]);
  });

  it("refuses missing, empty and unknown fields", async () => {
    await expectGraphError(await call("POST"), { code: 100 });
    await expectGraphError(await call("POST", "&subscribed_fields="), { code: 100 });
    await expectGraphError(await call("POST", "&subscribed_fields=messages,telepathy"), {
      code: 100,
    });
  });

  it("needs a page token of this page, with a MANAGE, CREATE_CONTENT or MODERATE task", async () => {
    const userToken = await h.admin.issueUserToken({ userId: SEED.users[0]!.id });
    await expectGraphError(await call("POST", "&subscribed_fields=messages", {}, userToken), {
      code: 210,
    });
    await expectGraphError(
      await call("POST", "&subscribed_fields=messages", {}, token, SEED.pages[1]!.id),
      { code: 100, subcode: 33, type: "GraphMethodException" },
    );
    const analyst = await h.admin.pageToken({
      userId: SEED.users[0]!.id,
      pageId: SEED.pages[2]!.id,
    });
    await expectGraphError(
      await call("POST", "&subscribed_fields=messages", {}, analyst, SEED.pages[2]!.id),
      { code: 200 },
    );
    const noMetadata = await h.admin.pageToken({
      userId: SEED.users[0]!.id,
      pageId,
      scopes: ["pages_messaging"],
    });
    await expectGraphError(await call("POST", "&subscribed_fields=messages", {}, noMetadata), {
      code: 200,
    });
    const moderator = await h.admin.pageToken({
      userId: SEED.users[0]!.id,
      pageId: SEED.pages[1]!.id,
    });
    expect(
      (await call("POST", "&subscribed_fields=messages", {}, moderator, SEED.pages[1]!.id)).status,
    ).toBe(200);
  });
});
