import { describe, expect, it } from "vitest";
import { jsonResponse, queryOf, stubbedClient } from "../test-support/fetch-stub";

const PAGE_TOKEN_PROOF = "b5257d6bda337a16c7c4935f1bc5cfa30985dced6014647c9c95ac322773ad7c";

// The request's shape and the answer's reading, against a stubbed fetch (the client's edge); the
// sandbox's debug-token.test.ts answers the same call over real HTTP as Facebook does.
describe("checkPageToken", () => {
  it("asks debug_token about the token with the token itself and reads its scopes", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({
        data: {
          app_id: "1234",
          type: "PAGE",
          is_valid: true,
          profile_id: "99",
          scopes: ["pages_show_list", "pages_messaging"],
          user_id: "7",
        },
      }),
    ]);
    expect(await client.checkPageToken("PAGE-TOKEN")).toEqual({
      ok: true,
      token: { valid: true, pageId: "99", scopes: ["pages_show_list", "pages_messaging"] },
    });
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.pathname).toBe("/v25.0/debug_token");
    expect(queryOf(requests[0])).toEqual({
      input_token: "PAGE-TOKEN",
      access_token: "PAGE-TOKEN",
      appsecret_proof: PAGE_TOKEN_PROOF,
    });
  });

  it("reports an invalidated token (190) as token_invalid", async () => {
    const body = {
      error: {
        message: "Error validating access token: The user has not authorized application 1234.",
        type: "OAuthException",
        code: 190,
        error_subcode: 458,
        fbtrace_id: "AbCdEfGhIjK",
      },
    };
    const { client } = stubbedClient([jsonResponse(body, 400)]);
    expect(await client.checkPageToken("PAGE-TOKEN")).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 190, subcode: 458, classification: "token_invalid" },
    });
  });

  it("gives up after its own timeout, shorter than the client's, as retry", async () => {
    const hang = (request: { signal: AbortSignal | undefined }) =>
      new Promise<Response>((_, reject) =>
        request.signal?.addEventListener("abort", () => reject(request.signal?.reason)),
      );
    const { client } = stubbedClient([hang], { timeoutMs: 60_000 });
    const started = performance.now();
    const result = await client.checkPageToken("PAGE-TOKEN", { timeoutMs: 50 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: false, error: { classification: "retry" } });
  });

  it("treats an answer without data as a bad response", async () => {
    const { client } = stubbedClient([jsonResponse({ ok: 1 })]);
    expect(await client.checkPageToken("PAGE-TOKEN")).toMatchObject({
      ok: false,
      error: { reason: "bad_response" },
    });
  });
});
