import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../admin/seed";
import { appSecretProof } from "../../state/app-secret-proof";
import { expectGraphError } from "../../testing/graph-assertions";
import { APP_ID, APP_SECRET, createHarness, type Harness } from "../../testing/test-harness";

describe.each(testDrivers())("User Profile API and anonymous opt-ins on %s", (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });
  const auth = (token: string) =>
    `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`;
  const profile = (psid: string, token: string, fields = "first_name,last_name,name,profile_pic") =>
    h.app.request(`/v25.0/${psid}?fields=${fields}&${auth(token)}`);

  it("sends the plugin's opt-in without ref when the page carries none", async () => {
    const s = await h.setupPage();
    const peter = SEED.people[1]!.id;
    for (const ref of [null, ""]) {
      const optIn = await h.app.request("/plugins/send-to-messenger", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ app_id: APP_ID, page_id: s.pageId, ref, person_id: peter }),
      });
      expect(optIn.status).toBe(200);
    }
    await h.admin.settle();
    const psid = h.admin.thread({ personId: peter, pageId: s.pageId })?.psid;
    const optIns = h
      .events()
      .filter((e) => "optin" in e && (e.sender as { id: string }).id === psid);
    expect(optIns).toHaveLength(2);
    for (const event of optIns) {
      expect(event).toEqual({
        sender: { id: psid },
        recipient: { id: s.pageId },
        timestamp: h.now(),
        optin: {},
      });
    }
  });

  it("answers the default fields to the page's token, and refuses the rest as Facebook does", async () => {
    const s = await h.setupPage();
    const answer = await profile(s.psid, s.token);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      name: "Ana García",
      first_name: "Ana",
      last_name: "García",
      profile_pic: `http://sandbox.test/fb-sandbox/profile-pic/${s.psid}.svg`,
      id: s.psid,
    });
    for (const field of ["locale", "timezone", "gender"]) {
      await expectGraphError(await profile(s.psid, s.token, `first_name,${field}`), { code: 200 });
    }
    await expectGraphError(await profile(s.psid, s.token, "email"), { code: 100 });
    // No token, a bad one: 190.
    await expectGraphError(await h.app.request(`/v25.0/${s.psid}?fields=first_name`), {
      code: 190,
    });
    await expectGraphError(await profile(s.psid, "EAAbogus"), { code: 190 });
  });

  it("has no profile for a PSID of another page, or of nobody (2018218)", async () => {
    const s = await h.setupPage();
    const other = await h.setupPage();
    await expectGraphError(await profile(other.psid, s.token), { code: 100, subcode: 2018218 });
    await expectGraphError(await profile("9999999999999999", s.token), {
      code: 100,
      subcode: 2018218,
    });
  });

  it("fails or slows down on demand with the userProfile fault switch, and nothing else does", async () => {
    const s = await h.setupPage();
    await h.admin.setFaults({ userProfile: { errors: [{ code: 2, count: 1 }], pageId: s.pageId } });
    await expectGraphError(await profile(s.psid, s.token), { code: 2, status: 500 });
    expect((await profile(s.psid, s.token)).status).toBe(200);
    await h.admin.setFaults({ userProfile: { errors: [{ code: 4, rate: 1 }] } });
    const limited = await expectGraphError(await profile(s.psid, s.token), { code: 4 });
    expect(limited.is_transient).toBe(true);
    const conversations = await h.app.request(
      `/v25.0/${s.pageId}/conversations?platform=messenger&user_id=${s.psid}&${auth(s.token)}`,
    );
    expect(conversations.status).toBe(200);
    await h.admin.setFaults({ userProfile: { latencyMs: 150 } });
    const started = performance.now();
    expect((await profile(s.psid, s.token)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    // Through the admin API as well; an unknown page is refused naming the field.
    const set = await h.app.request("/_admin/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userProfile: null }),
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { userProfile: unknown }).userProfile).toBeNull();
    const bad = await h.app.request("/_admin/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userProfile: { pageId: "999" } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("userProfile.pageId");
  });
});
