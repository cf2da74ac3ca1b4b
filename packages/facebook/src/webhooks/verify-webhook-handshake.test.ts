import { describe, expect, it } from "vitest";
import { verifyWebhookHandshake } from "./verify-webhook-handshake";

const TOKEN = "meatyhamhock";

describe("verifyWebhookHandshake", () => {
  it("returns the challenge for a subscribe request with the right token", () => {
    const query = new URLSearchParams(
      "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
    );
    expect(verifyWebhookHandshake(query, TOKEN)).toBe("1158201444");
  });

  it("accepts a plain record such as Hono's c.req.query()", () => {
    const query = { "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": TOKEN };
    expect(verifyWebhookHandshake(query, TOKEN)).toBe("42");
    expect(verifyWebhookHandshake({ ...query, "hub.challenge": ["7", "8"] }, TOKEN)).toBe("7");
  });

  it.each([
    [
      "a wrong token",
      { "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "nope" },
    ],
    [
      "a token prefix",
      { "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "meaty" },
    ],
    ["no token", { "hub.mode": "subscribe", "hub.challenge": "1" }],
    [
      "another mode",
      { "hub.mode": "unsubscribe", "hub.challenge": "1", "hub.verify_token": TOKEN },
    ],
    ["no challenge", { "hub.mode": "subscribe", "hub.verify_token": TOKEN }],
    [
      "an empty challenge",
      { "hub.mode": "subscribe", "hub.challenge": "", "hub.verify_token": TOKEN },
    ],
  ])("returns null for %s", (_, query) => {
    expect(verifyWebhookHandshake(query, TOKEN)).toBeNull();
  });

  it("never verifies against an empty configured token", () => {
    expect(
      verifyWebhookHandshake(
        { "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "" },
        "",
      ),
    ).toBeNull();
  });
});
