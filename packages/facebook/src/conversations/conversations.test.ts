import { describe, expect, it } from "vitest";
import { appSecretProof } from "../graph/app-secret-proof";
import { jsonResponse, queryOf, stubbedClient, TEST_CONFIG } from "../test-support/fetch-stub";

const PROOF = appSecretProof("PAGE-TOKEN", TEST_CONFIG.appSecret);
const auth = { access_token: "PAGE-TOKEN", appsecret_proof: PROOF };
const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) =>
  jsonResponse(
    { error: { message, type: "OAuthException", code, fbtrace_id: "T", ...extra } },
    400,
  );

describe("findConversation", () => {
  it("GETs the Page's conversations with the person on Messenger and gives the id", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({ data: [{ id: "t_10161", updated_time: "2025-03-01T09:00:00+0000" }] }),
    ]);
    const result = await client.findConversation("PAGE-TOKEN", "110", "1254");
    expect(requests[0]?.url.pathname).toBe("/v25.0/110/conversations");
    expect(queryOf(requests[0])).toEqual({ platform: "messenger", user_id: "1254", ...auth });
    expect(result).toEqual({ ok: true, conversationId: "t_10161" });
  });

  it("is null when there is no conversation", async () => {
    const { client } = stubbedClient([jsonResponse({ data: [] })]);
    expect(await client.findConversation("PAGE-TOKEN", "110", "1254")).toEqual({
      ok: true,
      conversationId: null,
    });
  });

  it("classifies Facebook's errors and refuses an answer without data", async () => {
    const { client } = stubbedClient([
      graphError(200, "(#200) Requires pages_read_engagement permission"),
      jsonResponse({ conversations: [] }),
    ]);
    const denied = await client.findConversation("PAGE-TOKEN", "110", "1254");
    expect(denied).toMatchObject({ ok: false, error: { code: 200, classification: "permission" } });
    const odd = await client.findConversation("PAGE-TOKEN", "110", "1254");
    expect(odd).toMatchObject({ ok: false, error: { kind: "retry", reason: "bad_response" } });
  });
});

describe("listConversationMessages", () => {
  const next = (after: string) =>
    `https://graph.test/v25.0/t_1/messages?access_token=PAGE-TOKEN&limit=25&after=${after}`;

  it("reads the first page from the node's messages field, newest first, times as ISO UTC", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({
        messages: {
          data: [
            { id: "m_b", created_time: "2025-03-01T09:00:02+0000" },
            { id: "m_a", created_time: "2025-03-01T09:00:01+0000" },
          ],
          paging: { cursors: { before: "QVFa", after: "QVFb" }, next: next("QVFb") },
        },
        id: "t_1",
      }),
    ]);
    const result = await client.listConversationMessages("PAGE-TOKEN", "t_1");
    expect(requests[0]?.url.pathname).toBe("/v25.0/t_1");
    expect(queryOf(requests[0])).toEqual({ fields: "messages", ...auth });
    expect(result).toEqual({
      ok: true,
      messages: [
        { id: "m_b", createdTime: "2025-03-01T09:00:02.000Z" },
        { id: "m_a", createdTime: "2025-03-01T09:00:01.000Z" },
      ],
      after: "QVFb",
    });
  });

  it("reads later pages from the messages edge; after is null without paging.next", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({
        data: [{ id: "m_0", created_time: "2025-03-01T08:00:00+0000" }],
        paging: { cursors: { before: "QVFc", after: "QVFd" } },
      }),
    ]);
    const result = await client.listConversationMessages("PAGE-TOKEN", "t_1", "QVFb");
    expect(requests[0]?.url.pathname).toBe("/v25.0/t_1/messages");
    expect(queryOf(requests[0])).toEqual({ fields: "id,created_time", after: "QVFb", ...auth });
    expect(result).toEqual({
      ok: true,
      messages: [{ id: "m_0", createdTime: "2025-03-01T08:00:00.000Z" }],
      after: null,
    });
  });

  it("takes the cursor from paging.next when cursors are missing; an empty conversation has no page", async () => {
    const { client } = stubbedClient([
      jsonResponse({ messages: { data: [], paging: { next: next("QVFz") } }, id: "t_1" }),
      jsonResponse({ id: "t_1" }),
    ]);
    expect(await client.listConversationMessages("PAGE-TOKEN", "t_1")).toEqual({
      ok: true,
      messages: [],
      after: "QVFz",
    });
    expect(await client.listConversationMessages("PAGE-TOKEN", "t_1")).toEqual({
      ok: true,
      messages: [],
      after: null,
    });
  });

  it("refuses bad shapes and passes Facebook's errors on", async () => {
    const { client } = stubbedClient([
      jsonResponse({ messages: { data: [{ id: "m_1", created_time: "yesterday" }] } }),
      graphError(613, "(#613) Calls to this api have exceeded the rate limit."),
    ]);
    const odd = await client.listConversationMessages("PAGE-TOKEN", "t_1");
    expect(odd).toMatchObject({ ok: false, error: { kind: "retry", reason: "bad_response" } });
    const limited = await client.listConversationMessages("PAGE-TOKEN", "t_1", "QVFb");
    expect(limited).toMatchObject({
      ok: false,
      error: { code: 613, classification: "retry", backoff: "rate_limit" },
    });
  });
});

describe("getMessage", () => {
  it("GETs the message's id, time, sender, recipients and text", async () => {
    const { client, requests } = stubbedClient([
      jsonResponse({
        id: "m_abc",
        created_time: "2025-03-01T09:00:00+0000",
        from: { name: "Acme Shoes", email: "110@facebook.com", id: "110" },
        to: { data: [{ name: "Ana García", email: "1254@facebook.com", id: "1254" }] },
        message: "Hello Ana",
      }),
    ]);
    const result = await client.getMessage("PAGE-TOKEN", "m_abc");
    expect(requests[0]?.url.pathname).toBe("/v25.0/m_abc");
    expect(queryOf(requests[0])).toEqual({ fields: "id,created_time,from,to,message", ...auth });
    expect(result).toEqual({
      ok: true,
      message: {
        id: "m_abc",
        createdTime: "2025-03-01T09:00:00.000Z",
        fromId: "110",
        text: "Hello Ana",
      },
    });
  });

  it("gives null text for a message without text, and refuses one without a sender", async () => {
    const { client } = stubbedClient([
      jsonResponse({
        id: "m_x",
        created_time: "2025-03-01T09:00:00+0000",
        from: { id: "1" },
        message: "",
      }),
      jsonResponse({ id: "m_y", created_time: "2025-03-01T09:00:00+0000" }),
    ]);
    expect(await client.getMessage("PAGE-TOKEN", "m_x")).toMatchObject({
      ok: true,
      message: { text: null, fromId: "1" },
    });
    expect(await client.getMessage("PAGE-TOKEN", "m_y")).toMatchObject({
      ok: false,
      error: { reason: "bad_response" },
    });
  });

  it("classifies an unknown message as a bad request and an expired token as token_invalid", async () => {
    const { client } = stubbedClient([
      graphError(100, "Unsupported get request.", {
        type: "GraphMethodException",
        error_subcode: 33,
      }),
      graphError(190, "Error validating access token", { error_subcode: 463 }),
    ]);
    expect(await client.getMessage("PAGE-TOKEN", "m_old")).toMatchObject({
      ok: false,
      error: { code: 100, subcode: 33, classification: "bad_request" },
    });
    expect(await client.getMessage("PAGE-TOKEN", "m_old")).toMatchObject({
      ok: false,
      error: { code: 190, classification: "token_invalid" },
    });
  });
});
