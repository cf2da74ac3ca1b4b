import { describe, expect, it } from "vitest";
import { jsonResponse, stubbedClient, TEST_CONFIG } from "../test-support/fetch-stub";
import type { FacebookLogEntry } from "./facebook-logger";

describe("logging", () => {
  it("logs one redacted line per call and never a token, proof, secret or code", async () => {
    const entries: FacebookLogEntry[] = [];
    const error = {
      error: {
        message: "Invalid OAuth access token",
        type: "OAuthException",
        code: 190,
        error_subcode: 460,
        fbtrace_id: "tr",
      },
    };
    const { client } = stubbedClient(
      [
        jsonResponse({ access_token: "USER-TOKEN-SECRET", token_type: "bearer" }),
        jsonResponse(error, 400),
      ],
      { logger: (entry) => entries.push(entry) },
    );
    await client.exchangeCode({ code: "AQD-CODE-SECRET", redirectUri: "https://app.test/cb" });
    await client.sendMessage({
      pageToken: "PAGE-TOKEN-SECRET",
      psid: "1",
      text: "x",
      messagingType: "UPDATE",
    });
    expect(entries).toHaveLength(2);
    const logged = JSON.stringify(entries);
    for (const secret of [
      "USER-TOKEN-SECRET",
      "AQD-CODE-SECRET",
      "PAGE-TOKEN-SECRET",
      TEST_CONFIG.appSecret,
    ]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toMatch(/[0-9a-f]{64}/);
    expect(entries[0]).toMatchObject({ level: "debug", method: "GET", status: 200 });
    expect(entries[1]).toMatchObject({
      level: "warn",
      method: "POST",
      status: 400,
      errorCode: 190,
      errorSubcode: 460,
      fbtraceId: "tr",
      classification: "token_invalid",
    });
  });

  it("logs transport failures without a status", async () => {
    const entries: FacebookLogEntry[] = [];
    const { client } = stubbedClient([new Error("boom")], {
      logger: (entry) => entries.push(entry),
    });
    await client.getSubscribedApps("1", "PAGE-TOKEN");
    expect(entries[0]).toMatchObject({ level: "warn", classification: "retry" });
    expect(entries[0]?.status).toBeUndefined();
  });
});

describe("idempotent calls", () => {
  it("classify ambiguous failures as retry", async () => {
    const { client } = stubbedClient([
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
      }),
      new Response("<html>", { status: 502 }),
    ]);
    expect(await client.listPages("USER-TOKEN")).toMatchObject({
      ok: false,
      error: { kind: "retry", reason: "network" },
    });
    expect(await client.listPages("USER-TOKEN")).toMatchObject({
      ok: false,
      error: { kind: "retry", reason: "bad_response" },
    });
  });
});

describe("createFacebookClient", () => {
  it.each([
    [{ version: "25.0" }, /version/],
    [{ version: "v25" }, /version/],
    [{ graphApiUrl: "not a url" }, /graphApiUrl/],
    [{ dialogUrl: "https://www.facebook.com/?x=1" }, /dialogUrl/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ appSecret: "" }, /appSecret/],
  ])("rejects invalid configuration %o", (override, message) => {
    expect(() => stubbedClient([], override)).toThrow(message);
  });

  it("calls the injected fetch without relying on `this`", async () => {
    let receivedThis: unknown = "unset";
    const fetch: typeof globalThis.fetch = async function (this: unknown) {
      receivedThis = this;
      return jsonResponse({ success: true });
    };
    const { client } = stubbedClient([], { fetch });
    await client.subscribeApp("1", "T");
    expect(receivedThis).toBeUndefined();
  });
});
