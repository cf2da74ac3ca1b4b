import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../admin/seed";
import { expectGraphError } from "../testing/graph-assertions";
import { APP_ID, createHarness, type Harness, textTo } from "../testing/test-harness";

const formPost = (body: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(body).toString(),
});

describe.each(testDrivers())("people, plugin and sandbox pages on %s", (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("serves the SDK stand-in that renders a Send to Messenger button", async () => {
    const response = await h.app.request("/sdk.js");
    expect(response.headers.get("content-type")).toContain("application/javascript");
    const script = await response.text();
    expect(script).toContain('"publicUrl":"http://sandbox.test/fb-sandbox"');
    expect(script).toContain(`"appId":"${APP_ID}"`);
    expect(script).toContain("Send to Messenger");
    expect(script).toContain(".fb-send-to-messenger");
    expect(() => new Function(script)).not.toThrow();
  });

  it("lets another origin read the page's people and opt in (CORS), sending messaging_optins", async () => {
    const s = await h.setupPage();
    const origin = { Origin: "https://shop.example" };
    const info = await h.app.request(
      `/plugins/send-to-messenger/page?page_id=${s.pageId}&app_id=${APP_ID}`,
      { headers: origin },
    );
    expect(info.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await info.json()) as {
      page: { name: string };
      people: Array<{ id: string; name: string }>;
    };
    expect(body.page.name).toBe("Test Page");
    expect(body.people.map((p) => p.name)).toContain("Peter Chang");

    const preflight = await h.app.request("/plugins/send-to-messenger", {
      method: "OPTIONS",
      headers: {
        ...origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

    const peter = SEED.people[1]!.id;
    const optIn = await h.app.request("/plugins/send-to-messenger", {
      method: "POST",
      headers: { ...origin, "Content-Type": "application/json" },
      body: JSON.stringify({
        app_id: APP_ID,
        page_id: s.pageId,
        ref: "wm.contact-7:abc=",
        person_id: peter,
      }),
    });
    expect(optIn.status).toBe(200);
    expect(optIn.headers.get("access-control-allow-origin")).toBe("*");
    await h.admin.settle();
    const psid = h.admin.thread({ personId: peter, pageId: s.pageId })?.psid;
    expect(psid).toMatch(/^\d{16}$/);
    expect(psid).not.toBe(h.admin.thread({ personId: peter, pageId: SEED.pages[0]!.id })?.psid);
    expect(h.events()).toContainEqual({
      sender: { id: psid },
      recipient: { id: s.pageId },
      timestamp: h.now(),
      optin: { ref: "wm.contact-7:abc=" },
    });
    expect((await h.send(s, textTo(psid ?? ""))).status).toBe(200);
  });

  it("gives a person one PSID per page even for concurrent first interactions", async () => {
    const s = await h.setupPage();
    const person = await h.admin.addPerson({ firstName: "Race", lastName: "Twice" });
    const input = { personId: person.id, pageId: s.pageId };
    const [a, b] = await Promise.all([
      h.admin.optIn(input),
      h.admin.writeMessage({ ...input, text: "hello" }),
    ]);
    expect(a.psid).toBe(b.psid);
  });

  it("refuses opt-ins with a bad ref, a wrong app id or an unknown person", async () => {
    const s = await h.setupPage();
    const post = (body: object) =>
      h.app.request("/plugins/send-to-messenger", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ app_id: APP_ID, page_id: s.pageId, person_id: s.personId, ...body }),
      });
    expect((await post({ ref: "has spaces" })).status).toBe(400);
    expect((await post({ ref: "x".repeat(251) })).status).toBe(400);
    expect((await post({ app_id: "1" })).status).toBe(400);
    expect((await post({ person_id: "404" })).status).toBe(404);
  });

  it("shows a person's Messenger newest first, marks it read, replies and blocks", async () => {
    const s = await h.setupPage();
    await h.send(s, textTo(s.psid, "older message"));
    h.advance(1000);
    await h.send(s, textTo(s.psid, "newer message"));
    await h.admin.settle();

    const page = await (await h.app.request(`/people/${s.personId}/messenger`)).text();
    expect(page.indexOf("newer message")).toBeLessThan(page.indexOf("older message"));
    expect(page).toContain("Reply to Test Page");
    expect(page).toContain("Block Test Page");
    await h.admin.settle();
    expect(h.events().filter((e) => e.read && (e.sender as { id: string }).id === s.psid)).toEqual([
      {
        sender: { id: s.psid },
        recipient: { id: s.pageId },
        timestamp: h.now(),
        read: { watermark: h.now() },
      },
    ]);

    h.advance(30 * 60 * 60 * 1000);
    const reply = await h.app.request(
      `/people/${s.personId}/messenger/${s.pageId}/reply`,
      formPost({ text: "¿Qué tal?" }),
    );
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toBe(
      `http://sandbox.test/fb-sandbox/people/${s.personId}/messenger`,
    );
    expect((await h.send(s, textTo(s.psid, "window reopened"))).status).toBe(200);

    await h.app.request(`/people/${s.personId}/messenger/${s.pageId}/block`, formPost({}));
    await expectGraphError(await h.send(s, textTo(s.psid)), { code: 551, subcode: 1545041 });
    const blockedPage = await (await h.app.request(`/people/${s.personId}/messenger`)).text();
    expect(blockedPage).toContain("Unblock Test Page");
    await h.app.request(`/people/${s.personId}/messenger/${s.pageId}/unblock`, formPost({}));
    expect((await h.send(s, textTo(s.psid))).status).toBe(200);
  });

  it("home page lists seeded data and its forms add people, users with pages, and page settings", async () => {
    const home = await (await h.app.request("/")).text();
    for (const name of ["Sandbox Admin", "Acme Shoes", "Ana García", "Jonas Müller"])
      expect(home).toContain(name);
    expect(
      (await h.app.request("/people", formPost({ first_name: "Lea", last_name: "Roth" }))).status,
    ).toBe(303);
    await h.app.request(
      "/users",
      formPost({
        name: "Form User",
        page_name_1: "Form Page",
        page_role_1: "Moderator",
        extra_pages: "2",
      }),
    );
    const state = await h.admin.state();
    expect(state.people.map((p) => p.firstName)).toContain("Lea");
    const user = state.users.find((u) => u.name === "Form User");
    expect(user?.pages.map((p) => p.role).sort()).toEqual(["Admin", "Admin", "Moderator"]);
    const formPage = state.pages.find((p) => p.name === "Form Page")!;
    await h.app.request(
      `/pages/${formPage.id}/settings`,
      formPost({ policy_version: "2020", approved: "1" }),
    );
    const updated = (await h.admin.state()).pages.find((p) => p.id === formPage.id);
    expect(updated).toMatchObject({
      policyVersion: "2020",
      approvedForNonPromotionalSubscription: true,
    });
  });

  it("admin JSON routes add data and list received messages", async () => {
    const json = (method: string, body?: object) => ({
      method,
      headers: { "Content-Type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const user = (await (
      await h.app.request(
        "/_admin/users",
        json("POST", { name: "Api User", pages: [{ name: "Api Page", role: "Admin" }] }),
      )
    ).json()) as { pages: Array<{ id: string }> };
    const pageId = user.pages[0]!.id;
    const person = (await (
      await h.app.request("/_admin/people", json("POST", { firstName: "Api", lastName: "Person" }))
    ).json()) as { id: string };
    const { psid } = (await (
      await h.app.request(`/_admin/people/${person.id}/opt-in`, json("POST", { pageId }))
    ).json()) as { psid: string };
    const state = (await (await h.app.request("/_admin/state")).json()) as {
      users: Array<{ id: string; name: string }>;
    };
    const userId = state.users.find((u) => u.name === "Api User")!.id;
    const tokens = (await (
      await h.app.request("/_admin/tokens", json("POST", { userId, pageId }))
    ).json()) as { pageToken: string };
    const { appSecretProof } = await import("../state/app-secret-proof");
    const proof = appSecretProof("sandbox-test-secret", tokens.pageToken);
    await h.app.request(
      `/v25.0/me/messages?access_token=${tokens.pageToken}&appsecret_proof=${proof}`,
      json("POST", textTo(psid, "via admin")),
    );
    const listed = (await (await h.app.request(`/_admin/messages?psid=${psid}`)).json()) as {
      data: Array<{ text: string; pageId: string }>;
    };
    expect(listed.data).toMatchObject([{ text: "via admin", pageId }]);
    expect((await h.app.request("/_admin/people/404/block", json("POST", { pageId }))).status).toBe(
      404,
    );
    expect((await h.app.request("/_admin/people", json("POST", { firstName: "" }))).status).toBe(
      400,
    );
    expect(
      (await h.app.request(`/_admin/pages/${pageId}`, json("PATCH", { policyVersion: "2020" })))
        .status,
    ).toBe(200);
  });
});
