import { describe, expect, it } from "vitest";
import { jsonResponse, queryOf, stubbedClient } from "../test-support/fetch-stub";

const USER_TOKEN_PROOF = "7bdffd9d9ef8699076ad27716b18f436fcdaa6e6eed8f47347238adee149cb56";
const PAGE_TOKEN_PROOF = "b5257d6bda337a16c7c4935f1bc5cfa30985dced6014647c9c95ac322773ad7c";

const acme = {
  access_token: "EAAB-ACME",
  category: "Software",
  category_list: [{ id: "2211", name: "Software" }],
  name: "Acme Shoes",
  id: "1234567890",
  tasks: ["ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE", "CREATE_CONTENT", "MANAGE"],
};
const blog = { access_token: "EAAB-BLOG", name: "Blog", id: "222", tasks: ["ANALYZE"] };

describe("listPages", () => {
  it("GETs /me/accounts with the fields, token and proof, and follows paging.next", async () => {
    const next =
      "https://graph.test/v25.0/me/accounts?fields=id,name,access_token,tasks&limit=25&after=QVFI&access_token=USER-TOKEN";
    const { client, requests } = stubbedClient([
      jsonResponse({ data: [acme], paging: { cursors: { before: "a", after: "QVFI" }, next } }),
      jsonResponse({ data: [blog], paging: { cursors: { before: "b", after: "c" } } }),
    ]);
    const result = await client.listPages("USER-TOKEN");
    expect(requests).toHaveLength(2);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.pathname).toBe("/v25.0/me/accounts");
    expect(queryOf(requests[0])).toEqual({
      fields: "id,name,access_token,tasks",
      access_token: "USER-TOKEN",
      appsecret_proof: USER_TOKEN_PROOF,
    });
    expect(queryOf(requests[1])).toEqual({
      fields: "id,name,access_token,tasks",
      limit: "25",
      after: "QVFI",
      access_token: "USER-TOKEN",
      appsecret_proof: USER_TOKEN_PROOF,
    });
    expect(result).toEqual({
      ok: true,
      truncated: false,
      pages: [
        {
          id: "1234567890",
          name: "Acme Shoes",
          accessToken: "EAAB-ACME",
          tasks: acme.tasks,
          role: "Admin",
          usable: true,
        },
        {
          id: "222",
          name: "Blog",
          accessToken: "EAAB-BLOG",
          tasks: ["ANALYZE"],
          role: "Analyst",
          usable: false,
          reason: "You need the Admin, Editor or Moderator role on this page (you are an Analyst)",
        },
      ],
    });
  });

  it("marks a page without a page token as unusable", async () => {
    const { client } = stubbedClient([
      jsonResponse({ data: [{ id: "3", name: "No token", tasks: acme.tasks }] }),
    ]);
    const result = await client.listPages("USER-TOKEN");
    expect(result.ok && result.pages[0]).toMatchObject({
      id: "3",
      usable: false,
      reason: expect.any(String),
    });
  });

  it("skips malformed items and stops at a repeated next link", async () => {
    const next = "https://graph.test/v25.0/me/accounts?after=same";
    const { client, requests } = stubbedClient([
      jsonResponse({ data: [acme, { name: "no id" }], paging: { next } }),
      jsonResponse({ data: [blog], paging: { next } }),
    ]);
    const result = await client.listPages("USER-TOKEN");
    expect(requests).toHaveLength(2);
    expect(result.ok && result.pages.map((p) => p.id)).toEqual(["1234567890", "222"]);
  });

  it("stops after maxPages requests and says the list is truncated", async () => {
    const page = (n: number) =>
      jsonResponse({
        data: [{ ...blog, id: String(n) }],
        paging: { next: `https://graph.test/v25.0/me/accounts?after=${n}` },
      });
    const { client, requests } = stubbedClient([page(1), page(2), page(3)], { maxPages: 2 });
    const result = await client.listPages("USER-TOKEN");
    expect(requests).toHaveLength(2);
    expect(result).toMatchObject({ ok: true, truncated: true });
  });

  it("never sends the user token to another origin", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({
        data: [acme],
        paging: { next: "https://evil.test/v25.0/me/accounts?after=x" },
      }),
    ]);
    expect(await client.listPages("USER-TOKEN")).toMatchObject({
      ok: false,
      error: { reason: "bad_response" },
    });
    expect(requests).toHaveLength(1);
  });

  it("returns a token error as such", async () => {
    const body = {
      error: {
        message: "Error validating access token",
        type: "OAuthException",
        code: 190,
        error_subcode: 463,
      },
    };
    const { client } = stubbedClient([jsonResponse(body, 400)]);
    expect(await client.listPages("USER-TOKEN")).toMatchObject({
      ok: false,
      error: { kind: "graph", classification: "token_invalid", subcode: 463 },
    });
  });
});

describe("subscribed_apps", () => {
  it("subscribes with POST /{page-id}/subscribed_apps and the Messenger fields", async () => {
    const { client, requests } = stubbedClient([jsonResponse({ success: true })]);
    expect(await client.subscribeApp("1234567890", "PAGE-TOKEN")).toEqual({ ok: true });
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url.pathname).toBe("/v25.0/1234567890/subscribed_apps");
    expect(requests[0]?.body).toBeUndefined();
    expect(queryOf(requests[0])).toEqual({
      subscribed_fields:
        "messages,messaging_optins,message_deliveries,message_reads,message_echoes",
      access_token: "PAGE-TOKEN",
      appsecret_proof: PAGE_TOKEN_PROOF,
    });
  });

  it("reads the subscriptions with GET", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({
        data: [
          {
            id: "1234",
            name: "Waymark",
            subscribed_fields: ["messages", "messaging_optins"],
            link: "x",
          },
        ],
      }),
    ]);
    expect(await client.getSubscribedApps("99", "PAGE-TOKEN")).toEqual({
      ok: true,
      apps: [{ id: "1234", name: "Waymark", subscribedFields: ["messages", "messaging_optins"] }],
    });
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.pathname).toBe("/v25.0/99/subscribed_apps");
    expect(queryOf(requests[0])).toEqual({
      access_token: "PAGE-TOKEN",
      appsecret_proof: PAGE_TOKEN_PROOF,
    });
  });

  it("unsubscribes with DELETE", async () => {
    const { client, requests } = stubbedClient([jsonResponse({ success: true })]);
    expect(await client.unsubscribeApp("99", "PAGE-TOKEN")).toEqual({ ok: true });
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url.pathname).toBe("/v25.0/99/subscribed_apps");
    expect(queryOf(requests[0])).toEqual({
      access_token: "PAGE-TOKEN",
      appsecret_proof: PAGE_TOKEN_PROOF,
    });
  });

  it("encodes the page id as one path segment", async () => {
    const { client, requests } = stubbedClient([jsonResponse({ success: true })]);
    await client.subscribeApp("../me", "PAGE-TOKEN");
    expect(requests[0]?.url.pathname).toBe("/v25.0/..%2Fme/subscribed_apps");
  });

  it("treats anything but success:true as a failure", async () => {
    const { client } = stubbedClient([jsonResponse({ success: false })]);
    expect(await client.subscribeApp("1", "PAGE-TOKEN")).toMatchObject({
      ok: false,
      error: { reason: "bad_response" },
    });
  });

  it("reports a missing permission as permission", async () => {
    const body = {
      error: {
        message: "(#200) Requires pages_manage_metadata permission",
        type: "OAuthException",
        code: 200,
      },
    };
    const { client } = stubbedClient([jsonResponse(body, 403)]);
    expect(await client.subscribeApp("1", "PAGE-TOKEN")).toMatchObject({
      ok: false,
      error: { classification: "permission", httpStatus: 403 },
    });
  });
});
