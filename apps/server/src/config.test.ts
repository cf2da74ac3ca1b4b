import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: "./.data",
      databaseUrl: undefined,
      publicUrl: "http://localhost:3000",
      facebook: { mode: "sandbox", graphApiVersion: "v25.0" },
      messengerPolicy: "2018",
      engine: true,
      secureCookies: false,
      trustedProxies: 0,
    });
  });

  it("trusts X-Forwarded-For only from the configured number of proxies", () => {
    expect(loadConfig({ TRUSTED_PROXIES: "2" }).trustedProxies).toBe(2);
  });

  it("uses real Facebook when the app is configured, with policy 2020 by default", () => {
    const config = loadConfig({
      FACEBOOK_APP_ID: "1",
      FACEBOOK_APP_SECRET: "s",
      FACEBOOK_VERIFY_TOKEN: "v",
      GRAPH_API_URL: "http://127.0.0.1:9999/",
      FACEBOOK_DIALOG_URL: "http://127.0.0.1:9998",
    });
    expect(config.facebook).toEqual({
      mode: "facebook",
      appId: "1",
      appSecret: "s",
      verifyToken: "v",
      graphApiUrl: "http://127.0.0.1:9999",
      dialogUrl: "http://127.0.0.1:9998",
      graphApiVersion: "v25.0",
    });
    expect(config.messengerPolicy).toBe("2020");
  });

  it("marks cookies Secure behind an https PUBLIC_URL", () => {
    expect(loadConfig({ PUBLIC_URL: "https://waymark.example/" })).toMatchObject({
      publicUrl: "https://waymark.example",
      secureCookies: true,
    });
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "postgres://x/y" }, "SECRET_KEY is required"],
    [{ FACEBOOK_APP_ID: "1" }, "must be set together"],
    [{ ENGINE: "maybe" }, "ENGINE must be on or off"],
    [{ MESSENGER_POLICY: "2019" }, "MESSENGER_POLICY"],
    [{ GRAPH_API_VERSION: "25" }, "GRAPH_API_VERSION must look like v25.0"],
    [{ SECRET_KEY: "short" }, "SECRET_KEY must be at least 32 characters"],
    [{ TRUSTED_PROXIES: "yes" }, "TRUSTED_PROXIES must be a number"],
    [{ TRUSTED_PROXIES: "-1" }, "TRUSTED_PROXIES must be 0 (no proxy) or more"],
  ])("refuses %o with a message naming the variable", (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
  });
});
