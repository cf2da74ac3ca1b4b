import { describe, expect, it } from "vitest";
import { jsonResponse, queryOf, stubbedClient } from "../test-support/fetch-stub";

const PAGE_TOKEN_PROOF = "b5257d6bda337a16c7c4935f1bc5cfa30985dced6014647c9c95ac322773ad7c";
const OK = { recipient_id: "1254477777772919", message_id: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM" };

describe("sendMessage request", () => {
  it("posts JSON to /{version}/me/messages with the token and its proof in the query", async () => {
    const { client, requests } = stubbedClient([jsonResponse(OK)]);
    await client.sendMessage({
      pageToken: "PAGE-TOKEN",
      psid: "1254477777772919",
      text: "Hi Ana, your spring catalogue is ready.",
      messagingType: "UPDATE",
    });
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(`${request?.url.origin}${request?.url.pathname}`).toBe(
      "https://graph.test/v25.0/me/messages",
    );
    expect(queryOf(request)).toEqual({
      access_token: "PAGE-TOKEN",
      appsecret_proof: PAGE_TOKEN_PROOF,
    });
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      recipient: { id: "1254477777772919" },
      messaging_type: "UPDATE",
      message: { text: "Hi Ana, your spring catalogue is ready." },
    });
    expect(request?.signal).toBeInstanceOf(AbortSignal);
  });

  it("sends a tag with MESSAGE_TAG and the metadata inside message", async () => {
    const { client, requests } = stubbedClient([jsonResponse(OK)]);
    await client.sendMessage({
      pageToken: "PAGE-TOKEN",
      psid: "42",
      text: "Your order #1234 has shipped.",
      messagingType: "MESSAGE_TAG",
      tag: "POST_PURCHASE_UPDATE",
      metadata: "wm:msg:77",
    });
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      recipient: { id: "42" },
      messaging_type: "MESSAGE_TAG",
      tag: "POST_PURCHASE_UPDATE",
      message: { text: "Your order #1234 has shipped.", metadata: "wm:msg:77" },
    });
  });

  it("keeps a graph API URL's path prefix", async () => {
    const { client, requests } = stubbedClient([jsonResponse(OK)], {
      graphApiUrl: "http://127.0.0.1:4010/graph/",
    });
    await client.sendMessage({ pageToken: "T", psid: "1", text: "x", messagingType: "RESPONSE" });
    expect(requests[0]?.url.href).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/graph\/v25\.0\/me\/messages\?/,
    );
  });
});

describe("sendMessage result", () => {
  const send = (client: ReturnType<typeof stubbedClient>["client"]) =>
    client.sendMessage({ pageToken: "PAGE-TOKEN", psid: "1", text: "x", messagingType: "UPDATE" });

  it("returns the message id and recipient id", async () => {
    const { client } = stubbedClient([jsonResponse(OK)]);
    expect(await send(client)).toEqual({
      ok: true,
      messageId: OK.message_id,
      recipientId: OK.recipient_id,
    });
  });

  it("accepts an answer without recipient_id (user_ref sends)", async () => {
    const { client } = stubbedClient([jsonResponse({ message_id: "m_1" })]);
    expect(await send(client)).toEqual({ ok: true, messageId: "m_1" });
  });

  it("returns Graph errors classified, with code, subcode, type and trace id", async () => {
    const body = {
      error: {
        message: "(#10) This message is sent outside of allowed window.",
        type: "OAuthException",
        code: 10,
        error_subcode: 2018278,
        fbtrace_id: "EJplcsCHuLu",
      },
    };
    const { client } = stubbedClient([jsonResponse(body, 400)]);
    expect(await send(client)).toEqual({
      ok: false,
      error: {
        kind: "graph",
        code: 10,
        subcode: 2018278,
        type: "OAuthException",
        message: "(#10) This message is sent outside of allowed window.",
        fbtraceId: "EJplcsCHuLu",
        httpStatus: 400,
        classification: "window",
      },
    });
  });

  it("carries the rate-limit wait from the business-use-case header", async () => {
    const usage = JSON.stringify({
      "123": [{ type: "messenger", estimated_time_to_regain_access: 3 }],
    });
    const body = {
      error: { message: "limit", type: "OAuthException", code: 613, fbtrace_id: "t" },
    };
    const { client } = stubbedClient([
      jsonResponse(body, 400, { "x-business-use-case-usage": usage }),
    ]);
    const result = await send(client);
    expect(result.ok === false && result.error).toMatchObject({
      classification: "retry",
      backoff: "rate_limit",
      retryAfterMs: 180_000,
    });
  });

  it("treats a transient 5xx Graph error as retry", async () => {
    const body = {
      error: { message: "Temporary send message failure", type: "OAuthException", code: 1200 },
    };
    const { client } = stubbedClient([jsonResponse(body, 500, { "retry-after": "7" })]);
    const result = await send(client);
    expect(result.ok === false && result.error).toMatchObject({
      kind: "graph",
      classification: "retry",
      backoff: "transient",
      retryAfterMs: 7000,
      httpStatus: 500,
    });
  });

  it("is retry when the connection was refused before anything was sent", async () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4010"), {
        code: "ECONNREFUSED",
      }),
    });
    const { client } = stubbedClient([refused]);
    expect(await send(client)).toMatchObject({
      ok: false,
      error: { kind: "retry", classification: "retry", reason: "connect_failed" },
    });
  });

  it("is retry when every address of a happy-eyeballs attempt refused", async () => {
    const aggregate = Object.assign(
      new AggregateError([
        Object.assign(new Error("refused v4"), { code: "ECONNREFUSED" }),
        Object.assign(new Error("refused v6"), { code: "ECONNREFUSED" }),
      ]),
      { code: "ECONNREFUSED" },
    );
    const { client } = stubbedClient([new TypeError("fetch failed", { cause: aggregate })]);
    const result = await send(client);
    expect(result.ok === false && result.error.kind).toBe("retry");
  });

  it("is unknown when the connection broke after the request may have been sent", async () => {
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    const { client } = stubbedClient([reset]);
    expect(await send(client)).toMatchObject({
      ok: false,
      error: { kind: "unknown", classification: "unknown", reason: "network" },
    });
  });

  it("is unknown when the request times out", async () => {
    const hang = (request: { signal: AbortSignal | undefined }) =>
      new Promise<Response>((_, reject) => {
        request.signal?.addEventListener("abort", () => reject(request.signal?.reason));
      });
    const { client } = stubbedClient([hang], { timeoutMs: 20 });
    expect(await send(client)).toMatchObject({
      ok: false,
      error: { kind: "unknown", reason: "timeout" },
    });
  });

  it("is unknown when a 2xx answer has no message id or is not JSON", async () => {
    const { client } = stubbedClient([
      jsonResponse({ recipient_id: "1" }),
      new Response("<html>ok</html>", { status: 200 }),
    ]);
    expect(await send(client)).toMatchObject({ ok: false, error: { kind: "unknown" } });
    expect(await send(client)).toMatchObject({ ok: false, error: { kind: "unknown" } });
  });

  it("is unknown for a gateway 5xx without a Graph error, retry for a bare 429", async () => {
    const { client } = stubbedClient([
      new Response("<html>Bad gateway</html>", { status: 502 }),
      new Response("slow down", { status: 429 }),
    ]);
    expect(await send(client)).toMatchObject({
      ok: false,
      error: { kind: "unknown", httpStatus: 502 },
    });
    expect(await send(client)).toMatchObject({
      ok: false,
      error: { kind: "retry", httpStatus: 429 },
    });
  });
});
