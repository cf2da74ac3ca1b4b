import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../admin/seed";
import { appSecretProof } from "../../state/app-secret-proof";
import { expectGraphError } from "../../testing/graph-assertions";
import { APP_SECRET, createHarness, type Harness, textTo } from "../../testing/test-harness";

interface AccountsPage {
  data: Array<{ id: string; name?: string; access_token?: string; tasks?: string[] }>;
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

describe.each(testDrivers())("/me/accounts and nodes on %s", (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });
  const withProof = (token: string) =>
    `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`;
  const get = (path: string) => h.app.request(path.replace("http://sandbox.test/fb-sandbox", ""));

  it("lists the seeded user's pages with tasks and working page tokens", async () => {
    const token = await h.admin.issueUserToken({ userId: SEED.users[0]!.id });
    const response = await get(
      `/v25.0/me/accounts?fields=id,name,access_token,tasks&${withProof(token)}`,
    );
    const body = (await response.json()) as AccountsPage;
    expect(body.data.map((p) => p.name)).toEqual([
      "Acme Shoes",
      "Acme Outlet",
      "Acme Insights",
      "Acme News",
      "Acme Today",
    ]);
    expect(body.data[0]?.tasks).toEqual([
      "ANALYZE",
      "ADVERTISE",
      "MESSAGING",
      "MODERATE",
      "CREATE_CONTENT",
      "MANAGE",
    ]);
    expect(body.data[1]?.tasks).toEqual(["ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE"]);
    expect(body.data[2]?.tasks).toEqual(["ANALYZE"]);
    expect(body.paging?.next).toBeUndefined();

    const pageToken = body.data[0]?.access_token ?? "";
    const psid = (await h.admin.optIn({ personId: SEED.people[0]!.id, pageId: SEED.pages[0]!.id }))
      .psid;
    const send = await h.app.request(`/v25.0/me/messages?${withProof(pageToken)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(textTo(psid)),
    });
    expect(send.status).toBe(200);
  });

  it("returns only the requested fields (plus id)", async () => {
    const token = await h.admin.issueUserToken({ userId: SEED.users[0]!.id });
    const body = (await (
      await get(`/v25.0/me/accounts?fields=name&${withProof(token)}`)
    ).json()) as AccountsPage;
    expect(Object.keys(body.data[0] ?? {})).toEqual(["name", "id"]);
    await expectGraphError(await get(`/v25.0/me/accounts?fields=name,secret&${withProof(token)}`), {
      code: 100,
    });
  });

  it("pages through many pages with cursors and next/previous links", async () => {
    const pages = Array.from({ length: 30 }, (_, i) => ({
      name: `Many ${String(i).padStart(2, "0")}`,
      role: "Editor" as const,
    }));
    const { user } = await h.admin.addUser({ name: "Many Pages", pages });
    const token = await h.admin.issueUserToken({ userId: user.id });
    const first = (await (
      await get(`/v25.0/me/accounts?fields=id,name&${withProof(token)}`)
    ).json()) as AccountsPage;
    expect(first.data).toHaveLength(25);
    expect(first.paging?.previous).toBeUndefined();
    expect(first.paging?.next).toMatch(
      /^http:\/\/sandbox\.test\/fb-sandbox\/v25\.0\/me\/accounts\?/,
    );
    const second = (await (await get(first.paging?.next ?? "")).json()) as AccountsPage;
    expect(second.data).toHaveLength(5);
    expect(second.paging?.next).toBeUndefined();
    expect(second.paging?.previous).toBeDefined();
    const all = [...first.data, ...second.data].map((p) => p.id);
    expect(new Set(all).size).toBe(30);
    const small = (await (
      await get(`/v25.0/me/accounts?limit=10&${withProof(token)}`)
    ).json()) as AccountsPage;
    expect(small.data).toHaveLength(10);
    const back = (await (
      await get(
        `/v25.0/me/accounts?limit=10&before=${small.paging?.cursors.after}&${withProof(token)}`,
      )
    ).json()) as AccountsPage;
    expect(back.data.map((p) => p.id)).toEqual(small.data.slice(0, 9).map((p) => p.id));
  });

  it("needs a user token with pages_show_list", async () => {
    const pageToken = await h.admin.pageToken({
      userId: SEED.users[0]!.id,
      pageId: SEED.pages[0]!.id,
    });
    await expectGraphError(await get(`/v25.0/me/accounts?${withProof(pageToken)}`), { code: 100 });
    const narrow = await h.admin.issueUserToken({
      userId: SEED.users[0]!.id,
      scopes: ["public_profile"],
    });
    await expectGraphError(await get(`/v25.0/me/accounts?${withProof(narrow)}`), { code: 200 });
    await expectGraphError(await get("/v25.0/me/accounts"), { code: 190 });
  });

  it("serves the User Profile API for the page's PSIDs only", async () => {
    const pageId = SEED.pages[1]!.id;
    const pageToken = await h.admin.pageToken({ userId: SEED.users[0]!.id, pageId });
    const { psid } = await h.admin.optIn({ personId: SEED.people[0]!.id, pageId });
    const profile = await get(
      `/v25.0/${psid}?fields=first_name,last_name,name&${withProof(pageToken)}`,
    );
    expect(await profile.json()).toEqual({
      name: "Ana García",
      first_name: "Ana",
      last_name: "García",
      id: psid,
    });
    const defaults = (await (await get(`/v25.0/${psid}?${withProof(pageToken)}`)).json()) as Record<
      string,
      string
    >;
    expect(Object.keys(defaults)).toEqual(["first_name", "last_name", "profile_pic", "id"]);
    expect((await get(defaults.profile_pic ?? "")).headers.get("content-type")).toContain(
      "image/svg+xml",
    );
    await expectGraphError(await get(`/v25.0/${psid}?fields=gender&${withProof(pageToken)}`), {
      code: 200,
    });
    const otherToken = await h.admin.pageToken({
      userId: SEED.users[0]!.id,
      pageId: SEED.pages[0]!.id,
    });
    await expectGraphError(await get(`/v25.0/${psid}?${withProof(otherToken)}`), {
      code: 100,
      subcode: 2018218,
    });
  });

  it("answers /me for user and page tokens", async () => {
    const userToken = await h.admin.issueUserToken({ userId: SEED.users[0]!.id });
    expect(await (await get(`/v25.0/me?${withProof(userToken)}`)).json()).toEqual({
      name: "Sandbox Admin",
      id: SEED.users[0]!.id,
    });
    const pageToken = await h.admin.pageToken({
      userId: SEED.users[0]!.id,
      pageId: SEED.pages[0]!.id,
    });
    expect(await (await get(`/v25.0/me?fields=id&${withProof(pageToken)}`)).json()).toEqual({
      id: SEED.pages[0]!.id,
    });
  });
});
