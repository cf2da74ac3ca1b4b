import { describe, expect, it } from "vitest";
import { jsonResponse, queryOf, stubbedClient } from "../test-support/fetch-stub";

describe("authorizationUrl", () => {
  it("points at the versioned Login dialog with the app, redirect, state, scopes and code flow", () => {
    const { client } = stubbedClient([]);
    const url = new URL(
      client.authorizationUrl({
        redirectUri: "https://waymark.test/fb/callback?x=1",
        state: "st&=1",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://www.facebook.test/v25.0/dialog/oauth");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "1234",
      redirect_uri: "https://waymark.test/fb/callback?x=1",
      state: "st&=1",
      scope: "pages_show_list,pages_messaging,pages_manage_metadata,pages_read_engagement",
      response_type: "code",
    });
  });
});

describe("exchangeCode", () => {
  it("GETs /oauth/access_token with client id, secret, redirect URI and code, without a token", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({ access_token: "SHORT-TOKEN", token_type: "bearer", expires_in: 5183944 }),
    ]);
    const result = await client.exchangeCode({
      code: "AQD1",
      redirectUri: "https://waymark.test/cb",
    });
    expect(result).toEqual({
      ok: true,
      token: { accessToken: "SHORT-TOKEN", tokenType: "bearer", expiresIn: 5183944 },
    });
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.pathname).toBe("/v25.0/oauth/access_token");
    expect(queryOf(requests[0])).toEqual({
      client_id: "1234",
      redirect_uri: "https://waymark.test/cb",
      client_secret: "app-secret",
      code: "AQD1",
    });
  });

  it("returns Facebook's refusal of a bad code as a Graph error", async () => {
    const body = {
      error: {
        message: "Error validating verification code.",
        type: "OAuthException",
        code: 100,
        error_subcode: 36007,
        fbtrace_id: "x",
      },
    };
    const { client } = stubbedClient([jsonResponse(body, 400)]);
    expect(
      await client.exchangeCode({ code: "used", redirectUri: "https://waymark.test/cb" }),
    ).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 100, subcode: 36007, classification: "bad_request" },
    });
  });

  it("rejects an answer without an access token", async () => {
    const { client } = stubbedClient([jsonResponse({ token_type: "bearer" })]);
    expect(
      await client.exchangeCode({ code: "c", redirectUri: "https://waymark.test/cb" }),
    ).toMatchObject({
      ok: false,
      error: { reason: "bad_response" },
    });
  });
});

describe("exchangeLongLived", () => {
  it("uses grant_type=fb_exchange_token with the short-lived token", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({ access_token: "LONG-TOKEN", token_type: "bearer", expires_in: "5184000" }),
    ]);
    expect(await client.exchangeLongLived("SHORT-TOKEN")).toEqual({
      ok: true,
      token: { accessToken: "LONG-TOKEN", tokenType: "bearer", expiresIn: 5184000 },
    });
    expect(requests[0]?.url.pathname).toBe("/v25.0/oauth/access_token");
    expect(queryOf(requests[0])).toEqual({
      grant_type: "fb_exchange_token",
      client_id: "1234",
      client_secret: "app-secret",
      fb_exchange_token: "SHORT-TOKEN",
    });
  });
});
