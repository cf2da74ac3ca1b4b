import { describe, expect, it } from "vitest";
import { serializeWebhookBody } from "./serialize-webhook";

describe("serializeWebhookBody", () => {
  it("escapes every non-ASCII UTF-16 unit as lowercase \\uXXXX and / as \\/", () => {
    const payload = { text: "Olá 👋 ½/2", url: "https://x.test/a" };
    const body = serializeWebhookBody(payload);
    expect(body).toBe(
      '{"text":"Ol\\u00e1 \\ud83d\\udc4b \\u00bd\\/2","url":"https:\\/\\/x.test\\/a"}',
    );
    expect(JSON.parse(body)).toEqual(payload);
  });

  it("leaves a plain ASCII body exactly as JSON.stringify writes it", () => {
    const payload = { object: "page", entry: [{ id: "1", time: 2, messaging: [{ a: "b" }] }] };
    expect(serializeWebhookBody(payload)).toBe(JSON.stringify(payload));
  });
});
