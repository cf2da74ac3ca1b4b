import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it.each([
    ["access_token", "https://graph.test/v25.0/me/accounts?fields=id&access_token=EAAB123"],
    ["appsecret_proof", "https://graph.test/v25.0/me/messages?appsecret_proof=abcdef"],
    [
      "client_secret",
      "https://graph.test/v25.0/oauth/access_token?client_secret=s3cret&client_id=1",
    ],
    ["code", "https://graph.test/v25.0/oauth/access_token?code=AQD-secret-code"],
    ["fb_exchange_token", "https://graph.test/v25.0/oauth/access_token?fb_exchange_token=EAAX"],
  ])("hides %s", (name, url) => {
    const redacted = redactUrl(url);
    expect(new URL(redacted).searchParams.get(name)).toBe("REDACTED");
    expect(redacted).not.toMatch(/EAAB123|abcdef|s3cret|AQD-secret-code|EAAX/);
  });

  it("keeps everything else and accepts URL objects", () => {
    const url = new URL("https://graph.test/v25.0/me/accounts?fields=id&access_token=T&after=QVFI");
    const redacted = new URL(redactUrl(url));
    expect(redacted.pathname).toBe("/v25.0/me/accounts");
    expect(redacted.searchParams.get("fields")).toBe("id");
    expect(redacted.searchParams.get("after")).toBe("QVFI");
    expect(url.searchParams.get("access_token")).toBe("T");
  });

  it("hides repeated and differently cased secret parameters", () => {
    const redacted = redactUrl("https://graph.test/x?access_token=a&ACCESS_TOKEN=b&access_token=c");
    expect(redacted).not.toMatch(/=a|=b|=c/);
  });

  it("redacts strings that are not absolute URLs", () => {
    expect(redactUrl("/v25.0/me?access_token=EAAB&x=1&code=abc#frag")).toBe(
      "/v25.0/me?access_token=REDACTED&x=1&code=REDACTED#frag",
    );
  });

  it("does not touch parameters that merely end in a secret name", () => {
    expect(
      new URL(redactUrl("https://graph.test/x?zipcode=12345")).searchParams.get("zipcode"),
    ).toBe("12345");
  });
});
