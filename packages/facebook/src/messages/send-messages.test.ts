import { describe, expect, it } from "vitest";
import type { FacebookLogEntry } from "../graph/facebook-logger";
import { jsonResponse, queryOf, stubbedClient } from "../test-support/fetch-stub";
import type { SendMessageRequest } from "./send-message-request";

const PAGE_TOKEN_PROOF = "b5257d6bda337a16c7c4935f1bc5cfa30985dced6014647c9c95ac322773ad7c";

const request = (psid: string, text = `Hi ${psid}`): SendMessageRequest => ({
  psid,
  text,
  messagingType: "UPDATE",
});
const requests = (n: number) => Array.from({ length: n }, (_, i) => request(String(100 + i)));

/** A batch item as Facebook answers it with `include_headers=false`. */
const item = (code: number, body: unknown) => ({ code, body: JSON.stringify(body) });
const sent = (psid: string) => item(200, { recipient_id: psid, message_id: `m_${psid}` });
const graphError = (code: number, subcode?: number, status = 400) =>
  item(status, {
    error: {
      message: `(#${code}) error`,
      type: "OAuthException",
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      fbtrace_id: "trace",
    },
  });

describe("sendMessages request", () => {
  it("posts one form-encoded batch to /{version}/ with the token and proof in the query", async () => {
    const { client, requests: seen } = stubbedClient([jsonResponse([sent("1"), sent("2")])]);
    await client.sendMessages("PAGE-TOKEN", [
      { psid: "1", text: "¡Hola Zoë! 😀 a+b&c=d", messagingType: "UPDATE", metadata: "wm:1" },
      {
        psid: "2",
        text: "Your order shipped",
        messagingType: "MESSAGE_TAG",
        tag: "POST_PURCHASE_UPDATE",
      },
    ]);
    expect(seen).toHaveLength(1);
    const [batchCall] = seen;
    expect(batchCall?.method).toBe("POST");
    expect(`${batchCall?.url.origin}${batchCall?.url.pathname}`).toBe("https://graph.test/v25.0/");
    expect(queryOf(batchCall)).toEqual({
      access_token: "PAGE-TOKEN",
      appsecret_proof: PAGE_TOKEN_PROOF,
    });
    expect(batchCall?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(batchCall?.body);
    expect(form.get("include_headers")).toBe("false");
    const batch = JSON.parse(form.get("batch") ?? "") as { body: string }[];
    expect(batch).toEqual([
      { method: "POST", relative_url: "me/messages", body: expect.any(String) },
      { method: "POST", relative_url: "me/messages", body: expect.any(String) },
    ]);
    const params = batch.map((b) => Object.fromEntries(new URLSearchParams(b.body)));
    expect(params[0]).toEqual({
      recipient: JSON.stringify({ id: "1" }),
      messaging_type: "UPDATE",
      message: JSON.stringify({ text: "¡Hola Zoë! 😀 a+b&c=d", metadata: "wm:1" }),
    });
    expect(params[1]).toEqual({
      recipient: JSON.stringify({ id: "2" }),
      messaging_type: "MESSAGE_TAG",
      tag: "POST_PURCHASE_UPDATE",
      message: JSON.stringify({ text: "Your order shipped" }),
    });
  });

  it("makes no call for no requests", async () => {
    const { client, requests: seen } = stubbedClient([]);
    expect(await client.sendMessages("PAGE-TOKEN", [])).toEqual([]);
    expect(seen).toHaveLength(0);
  });

  it("refuses more than 50 requests before any call, and takes exactly 50", async () => {
    const answer = jsonResponse(requests(50).map((r) => sent(r.psid)));
    const { client, requests: seen } = stubbedClient([answer]);
    await expect(client.sendMessages("PAGE-TOKEN", requests(51))).rejects.toThrow(RangeError);
    expect(seen).toHaveLength(0);
    const results = await client.sendMessages("PAGE-TOKEN", requests(50));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(seen).toHaveLength(1);
  });
});

describe("sendMessages results, item by item", () => {
  it("gives each request its own result, in order, shaped as sendMessage gives it", async () => {
    const { client } = stubbedClient([
      jsonResponse([
        sent("1"),
        graphError(551, 1545041),
        graphError(100, 2018001),
        item(200, { message_id: "m_3" }),
        graphError(613),
        graphError(10, 2018278),
      ]),
    ]);
    const results = await client.sendMessages("PAGE-TOKEN", requests(6));
    expect(results).toEqual([
      { ok: true, messageId: "m_1", recipientId: "1" },
      {
        ok: false,
        error: {
          kind: "graph",
          code: 551,
          subcode: 1545041,
          type: "OAuthException",
          message: "(#551) error",
          fbtraceId: "trace",
          httpStatus: 400,
          classification: "permanent_recipient",
        },
      },
      {
        ok: false,
        error: expect.objectContaining({ code: 100, classification: "permanent_recipient" }),
      },
      { ok: true, messageId: "m_3" },
      {
        ok: false,
        error: expect.objectContaining({
          code: 613,
          classification: "retry",
          backoff: "rate_limit",
        }),
      },
      { ok: false, error: expect.objectContaining({ code: 10, classification: "window" }) },
    ]);
  });

  it("is unknown for an item that says 2xx without a message id, or 5xx without an error", async () => {
    const { client } = stubbedClient([
      jsonResponse([
        item(200, { recipient_id: "1" }),
        { code: 200, body: "<html>ok</html>" },
        { code: 502, body: "Bad gateway" },
        { code: 200 },
      ]),
    ]);
    const results = await client.sendMessages("PAGE-TOKEN", requests(4));
    for (const result of results) {
      expect(result).toMatchObject({
        ok: false,
        error: { kind: "unknown", classification: "unknown", reason: "bad_response" },
      });
    }
  });

  it("is retry for a bare 4xx item, as for a single call that was refused", async () => {
    const { client } = stubbedClient([jsonResponse([{ code: 429, body: "slow down" }])]);
    expect(await client.sendMessages("PAGE-TOKEN", requests(1))).toMatchObject([
      { ok: false, error: { kind: "retry", httpStatus: 429 } },
    ]);
  });

  it("is unknown for a null item (a batch that ran out of time) or one without a code", async () => {
    const { client } = stubbedClient([jsonResponse([sent("1"), null, { body: "{}" }, "x"])]);
    const results = await client.sendMessages("PAGE-TOKEN", requests(4));
    expect(results[0]).toMatchObject({ ok: true, messageId: "m_1" });
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({ ok: false, error: { kind: "unknown" } });
    }
  });

  it("reads an item's own headers when Facebook includes them", async () => {
    const { client } = stubbedClient([
      jsonResponse([{ ...graphError(613), headers: [{ name: "Retry-After", value: "9" }] }]),
    ]);
    expect(await client.sendMessages("PAGE-TOKEN", requests(1))).toMatchObject([
      { ok: false, error: { code: 613, retryAfterMs: 9000 } },
    ]);
  });
});

describe("sendMessages results, the batch as a whole", () => {
  it("gives every request a top-level Graph error (190: token invalid)", async () => {
    const body = {
      error: {
        message: "Error validating access token",
        type: "OAuthException",
        code: 190,
        error_subcode: 460,
      },
    };
    const { client } = stubbedClient([jsonResponse(body, 400)]);
    const results = await client.sendMessages("PAGE-TOKEN", requests(3));
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result).toMatchObject({
        ok: false,
        error: { kind: "graph", code: 190, subcode: 460, classification: "token_invalid" },
      });
    }
  });

  it("makes every outcome unknown when the batch call times out", async () => {
    const hang = (r: { signal: AbortSignal | undefined }) =>
      new Promise<Response>((_, reject) => {
        r.signal?.addEventListener("abort", () => reject(r.signal?.reason));
      });
    const { client } = stubbedClient([hang], { timeoutMs: 20 });
    const results = await client.sendMessages("PAGE-TOKEN", requests(2));
    expect(results).toEqual([
      { ok: false, error: expect.objectContaining({ kind: "unknown", reason: "timeout" }) },
      { ok: false, error: expect.objectContaining({ kind: "unknown", reason: "timeout" }) },
    ]);
  });

  it("is retry for every request when the connection was refused", async () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const { client } = stubbedClient([refused]);
    for (const result of await client.sendMessages("PAGE-TOKEN", requests(2))) {
      expect(result).toMatchObject({
        ok: false,
        error: { kind: "retry", reason: "connect_failed" },
      });
    }
  });

  it("is unknown for every request when the answer is not an array of as many items", async () => {
    const { client } = stubbedClient([
      jsonResponse([sent("1")]),
      jsonResponse({ data: [] }),
      jsonResponse([sent("1"), sent("2"), sent("3")]),
      new Response("<html>Bad gateway</html>", { status: 502 }),
    ]);
    for (let i = 0; i < 4; i++) {
      const results = await client.sendMessages("PAGE-TOKEN", requests(2));
      expect(results).toHaveLength(2);
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, error: { kind: "unknown" } });
      }
    }
  });

  it("logs the batch call and each request in it, without tokens", async () => {
    const entries: FacebookLogEntry[] = [];
    const { client } = stubbedClient([jsonResponse([sent("1"), graphError(551, 1545041)])], {
      logger: (entry) => entries.push(entry),
    });
    await client.sendMessages("PAGE-TOKEN-SECRET", requests(2));
    expect(entries).toMatchObject([
      { level: "debug", method: "POST", url: "https://graph.test/v25.0/", status: 200 },
      { level: "debug", method: "POST", url: "https://graph.test/v25.0/me/messages", status: 200 },
      { level: "warn", status: 400, errorCode: 551, classification: "permanent_recipient" },
    ]);
    expect(JSON.stringify(entries)).not.toContain("PAGE-TOKEN-SECRET");
  });
});

describe("a Graph server that refuses batch calls", () => {
  const unsupported = jsonResponse(
    {
      error: {
        message: "Unsupported post request.",
        type: "GraphMethodException",
        code: 100,
        fbtrace_id: "trace",
      },
    },
    400,
  );
  const single = (psid: string) => jsonResponse({ recipient_id: psid, message_id: `m_${psid}` });

  it.each([
    ["answers the batch with an invalid-parameter error", unsupported],
    ["has no batch endpoint (404 page)", new Response("<h1>Not Found</h1>", { status: 404 })],
  ])("%s: each request goes in a call of its own, now and later", async (_, refusal) => {
    const { client, requests: seen } = stubbedClient([
      refusal,
      single("1"),
      single("2"),
      single("3"),
    ]);
    const first = await client.sendMessages("PAGE-TOKEN", [request("1"), request("2")]);
    expect(first).toEqual([
      { ok: true, recipientId: "1", messageId: "m_1" },
      { ok: true, recipientId: "2", messageId: "m_2" },
    ]);
    const later = await client.sendMessages("PAGE-TOKEN", [request("3")]);
    expect(later).toEqual([{ ok: true, recipientId: "3", messageId: "m_3" }]);
    expect(seen.map((r) => r.url.pathname)).toEqual([
      "/v25.0/",
      "/v25.0/me/messages",
      "/v25.0/me/messages",
      "/v25.0/me/messages",
    ]);
  });

  it("still gives a token error to every request, without falling back", async () => {
    const { client, requests: seen } = stubbedClient([
      jsonResponse({ error: { message: "bad", type: "OAuthException", code: 190 } }, 401),
    ]);
    const results = await client.sendMessages("PAGE-TOKEN", [request("1"), request("2")]);
    expect(results.map((r) => !r.ok && r.error.classification)).toEqual([
      "token_invalid",
      "token_invalid",
    ]);
    expect(seen).toHaveLength(1);
  });
});
