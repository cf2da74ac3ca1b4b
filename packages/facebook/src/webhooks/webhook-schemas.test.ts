import { describe, expect, it } from "vitest";
import { FIXTURES } from "./webhook-fixtures";
import {
  deliveryEventSchema,
  echoEventSchema,
  messageEventSchema,
  optinEventSchema,
  readEventSchema,
} from "./webhook-schemas";

describe("webhook event schemas", () => {
  it.each([
    ["message", messageEventSchema, FIXTURES.message],
    ["message after checkbox", messageEventSchema, FIXTURES.messageAfterCheckbox],
    ["message with attachment", messageEventSchema, FIXTURES.messageWithAttachment],
    ["echo", echoEventSchema, FIXTURES.echo],
    ["Send to Messenger opt-in", optinEventSchema, FIXTURES.optinSendToMessenger],
    ["opt-in without ref", optinEventSchema, FIXTURES.optinWithoutRef],
    ["checkbox opt-in", optinEventSchema, FIXTURES.optinCheckbox],
    ["one-time notification opt-in", optinEventSchema, FIXTURES.optinOneTimeNotif],
    ["marketing messages opt-in", optinEventSchema, FIXTURES.optinNotificationMessages],
    ["delivery", deliveryEventSchema, FIXTURES.delivery],
    ["delivery without mids", deliveryEventSchema, FIXTURES.deliveryWithoutMids],
    ["read", readEventSchema, FIXTURES.read],
  ] as const)("accepts the documented %s shape and keeps unknown fields", (_, schema, fixture) => {
    const parsed = schema.safeParse({ ...fixture, unknown_field: { nested: true } });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ unknown_field: { nested: true } });
  });

  it("rejects an echo under the message-from-person schema's sibling and vice versa", () => {
    expect(echoEventSchema.safeParse(FIXTURES.message).success).toBe(false);
  });

  it("drops a wrongly typed optional field instead of failing", () => {
    const parsed = messageEventSchema.safeParse({
      ...FIXTURES.message,
      message: { mid: "m", text: 12 },
    });
    expect(parsed.success && parsed.data.message.text).toBeUndefined();
  });
});
