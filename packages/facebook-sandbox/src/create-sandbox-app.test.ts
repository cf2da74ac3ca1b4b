import { testDrivers } from "@waymark/db/testing";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGraphError } from "./testing/graph-assertions";
import { createHarness, type Harness, textTo } from "./testing/test-harness";

describe.each(testDrivers())("the sandbox mounted under a prefix on %s", (driver) => {
  let h: Harness;
  let host: Hono;
  beforeAll(async () => {
    h = await createHarness(driver);
    host = new Hono();
    host.get("/", (c) => c.text("Waymark"));
    host.route("/fb-sandbox", h.app);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("serves the Graph API, pages and SDK below the prefix", async () => {
    const s = await h.setupPage();
    const query = `access_token=${s.token}&appsecret_proof=${s.proof}`;
    const send = await host.request(`/fb-sandbox/v25.0/me/messages?${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(textTo(s.psid)),
    });
    expect(send.status).toBe(200);
    await expectGraphError(await host.request(`/fb-sandbox/v25.0/${s.pageId}/nothing?${query}`), {
      code: 2500,
    });
    for (const path of [
      "/fb-sandbox",
      "/fb-sandbox/sdk.js",
      "/fb-sandbox/people/120000000000001/messenger",
    ]) {
      expect((await host.request(path)).status, path).toBe(200);
    }
    const dialog = await host.request(
      "/fb-sandbox/v25.0/dialog/oauth?client_id=1234567890123&redirect_uri=http://waymark.test/cb",
    );
    expect(await dialog.text()).toContain(
      'action="http://sandbox.test/fb-sandbox/v25.0/dialog/oauth"',
    );
    expect(await (await host.request("/")).text()).toBe("Waymark");
  });
});
