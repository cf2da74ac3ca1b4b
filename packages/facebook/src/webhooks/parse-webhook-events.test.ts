import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWebhookEvents } from "./parse-webhook-events";
import type { WebhookEvent } from "./webhook-event";
import { envelope, FIXTURES } from "./webhook-fixtures";

function parseOne(item: unknown): WebhookEvent {
  const result = parseWebhookEvents(envelope(item));
  if (!result.ok) throw new Error(result.error);
  expect(result.events).toHaveLength(1);
  const [event] = result.events;
  if (!event) throw new Error("no event");
  return event;
}

const PAGE = "1234567890";
const PSID = "1254477777772919";

describe("parseWebhookEvents: documented shapes", () => {
  it("reads a message from a person", () => {
    expect(parseOne(FIXTURES.message)).toEqual({
      kind: "message",
      pageId: PAGE,
      psid: PSID,
      timestamp: 1458692752478,
      dedupeKey: "message:m_1457764197618:41d102a3e1ae206a38",
      mid: "m_1457764197618:41d102a3e1ae206a38",
      text: "hello, world!",
      quickReplyPayload: "DEVELOPER_DEFINED_PAYLOAD",
      raw: FIXTURES.message,
    });
  });

  it("links the first reply after a checkbox opt-in to its user_ref", () => {
    expect(parseOne(FIXTURES.messageAfterCheckbox)).toMatchObject({
      kind: "message",
      psid: PSID,
      priorMessage: { source: "checkbox_plugin", identifier: "cb-7f3a9d1e-2b" },
    });
  });

  it("reads a message without text (attachments only)", () => {
    const event = parseOne(FIXTURES.messageWithAttachment);
    expect(event).toMatchObject({ kind: "message", mid: "m_3" });
    expect(event.kind === "message" && event.text).toBeUndefined();
  });

  it("reads an echo: the psid is the recipient, the app id becomes a string", () => {
    expect(parseOne(FIXTURES.echo)).toEqual({
      kind: "echo",
      pageId: PAGE,
      psid: PSID,
      timestamp: 1458692752481,
      dedupeKey: "echo:m_echo",
      mid: "m_echo",
      appId: "1517776481860111",
      metadata: "wm:msg:77",
      text: "Hi Ana",
      raw: FIXTURES.echo,
    });
  });

  it("reads a Send to Messenger opt-in with its ref", () => {
    expect(parseOne(FIXTURES.optinSendToMessenger)).toMatchObject({
      kind: "optin",
      source: "send_to_messenger",
      pageId: PAGE,
      psid: PSID,
      ref: "PASS_THROUGH_PARAM",
      timestamp: 1234567890,
      dedupeKey: expect.stringMatching(/^optin:[\w-]{43}$/),
    });
  });

  it("reads an opt-in whose ref was omitted", () => {
    const event = parseOne(FIXTURES.optinWithoutRef);
    expect(event).toMatchObject({ kind: "optin", source: "send_to_messenger", psid: PSID });
    expect(event.kind === "optin" && event.ref).toBeUndefined();
  });

  it("reads a checkbox opt-in without sender", () => {
    const event = parseOne(FIXTURES.optinCheckbox);
    expect(event).toMatchObject({
      kind: "optin",
      source: "checkbox",
      userRef: "REF_FROM_CHECKBOX_PLUGIN",
      ref: "PASS_THROUGH_PARAM",
    });
    expect(event.kind === "optin" && event.psid).toBeUndefined();
  });

  it("reads a checkbox opt-in that also carries a sender (restfb's shape)", () => {
    const item = { ...FIXTURES.optinCheckbox, sender: { id: PSID } };
    expect(parseOne(item)).toMatchObject({
      kind: "optin",
      source: "checkbox",
      psid: PSID,
      userRef: "REF_FROM_CHECKBOX_PLUGIN",
    });
  });

  it("reads one-time and marketing notification opt-ins", () => {
    expect(parseOne(FIXTURES.optinOneTimeNotif)).toMatchObject({
      kind: "optin",
      source: "one_time_notif",
      payload: "USER_DEFINED_PAYLOAD",
      oneTimeNotifToken: "OTN-TOKEN",
    });
    expect(parseOne(FIXTURES.optinNotificationMessages)).toMatchObject({
      kind: "optin",
      source: "notification_messages",
      notificationMessagesToken: "NOTIFICATION-MESSAGES-TOKEN",
      notificationMessagesStatus: "STOP NOTIFICATIONS",
    });
  });

  it("reads a delivery, falling back to the entry time when there is no timestamp", () => {
    expect(parseOne(FIXTURES.delivery)).toMatchObject({
      kind: "delivery",
      pageId: PAGE,
      psid: PSID,
      timestamp: 1458692752478,
      watermark: 1458668856253,
      mids: ["mid.1458668856218:ed81099e15d3f4f233"],
      dedupeKey: expect.stringMatching(/^delivery:/),
    });
    expect(parseOne(FIXTURES.deliveryWithoutMids)).toMatchObject({ kind: "delivery", mids: [] });
  });

  it("reads a read receipt", () => {
    expect(parseOne(FIXTURES.read)).toMatchObject({
      kind: "read",
      psid: PSID,
      timestamp: 1458668856463,
      watermark: 1458668856253,
      dedupeKey: expect.stringMatching(/^read:/),
    });
  });

  it("reports other events as unknown, not as errors", () => {
    expect(parseOne(FIXTURES.postback)).toMatchObject({
      kind: "unknown",
      reason: "unsupported",
      pageId: PAGE,
      detail: expect.stringContaining("postback"),
    });
  });
});

describe("parseWebhookEvents: tolerance and strictness", () => {
  it("tolerates unknown extra fields everywhere", () => {
    const result = parseWebhookEvents({
      object: "page",
      future: true,
      entry: [
        {
          id: PAGE,
          time: 1,
          extra: [1],
          messaging: [{ ...FIXTURES.read, new_field: { a: 1 }, read: { watermark: 5, more: "x" } }],
        },
      ],
    });
    expect(result).toMatchObject({ ok: true, events: [{ kind: "read", watermark: 5 }] });
  });

  it("accepts numeric ids from third-party fixtures", () => {
    const item = {
      ...FIXTURES.message,
      sender: { id: 1254477777772919 },
      recipient: { id: 1234567890 },
    };
    expect(parseOne(item)).toMatchObject({ kind: "message", psid: "1254477777772919" });
  });

  it.each([
    ["a message without mid", { ...FIXTURES.message, message: { text: "hi" } }],
    ["a message without sender", { recipient: { id: PAGE }, timestamp: 1, message: { mid: "m" } }],
    [
      "a message without timestamp",
      { sender: { id: PSID }, recipient: { id: PAGE }, message: { mid: "m" } },
    ],
    ["an echo without mid", { ...FIXTURES.echo, message: { is_echo: true } }],
    [
      "an opt-in with neither sender nor user_ref",
      { recipient: { id: PAGE }, timestamp: 1, optin: { ref: "x" } },
    ],
    ["a delivery without watermark", { ...FIXTURES.delivery, delivery: { mids: ["m"] } }],
    ["a read with a text watermark", { ...FIXTURES.read, read: { watermark: "soon" } }],
    ["a non-object item", 42],
  ])("reports %s as a malformed unknown event", (_, item) => {
    expect(parseOne(item)).toMatchObject({ kind: "unknown", reason: "malformed", pageId: PAGE });
  });

  it("iterates several entries and several events", () => {
    const result = parseWebhookEvents({
      object: "page",
      entry: [
        { id: "1", time: 1, messaging: [FIXTURES.message, FIXTURES.read] },
        { id: "2", time: 2, messaging: [FIXTURES.delivery] },
        { id: "3", time: 3, standby: [FIXTURES.message] },
      ],
    });
    expect(result.ok && result.events.map((e) => [e.kind, e.pageId])).toEqual([
      ["message", "1"],
      ["read", "1"],
      ["delivery", "2"],
      ["unknown", "3"],
    ]);
  });

  it("acknowledges other objects with no events", () => {
    expect(parseWebhookEvents({ object: "instagram", entry: [] })).toEqual({
      ok: true,
      object: "instagram",
      events: [],
    });
  });

  it.each([
    ["null", null],
    ["an array", []],
    ["no entry", { object: "page" }],
    ["entry not an array", { object: "page", entry: {} }],
    ["an entry without id", { object: "page", entry: [{ time: 1, messaging: [] }] }],
    ["messaging not an array", { object: "page", entry: [{ id: "1", messaging: {} }] }],
    ["no object", { entry: [] }],
  ])("fails on a malformed envelope: %s", (_, json) => {
    expect(parseWebhookEvents(json)).toMatchObject({
      ok: false,
      error: expect.stringContaining("malformed"),
    });
  });
});

describe("dedupe keys", () => {
  const keyOf = (item: unknown) => {
    const event = parseOne(item);
    return event.kind === "unknown" ? undefined : event.dedupeKey;
  };

  it("are stable across redeliveries and distinguish different events", () => {
    const optin = FIXTURES.optinSendToMessenger;
    expect(keyOf(optin)).toBe(keyOf(structuredClone(optin)));
    expect(keyOf(optin)).not.toBe(keyOf({ ...optin, optin: { ref: "OTHER" } }));
    expect(keyOf(optin)).not.toBe(keyOf({ ...optin, timestamp: 1 }));
    expect(keyOf(optin)).not.toBe(keyOf({ ...optin, sender: { id: "9" } }));
    expect(keyOf(FIXTURES.read)).not.toBe(keyOf({ ...FIXTURES.read, read: { watermark: 1 } }));
    expect(keyOf(FIXTURES.delivery)).toBe(keyOf({ ...FIXTURES.delivery, timestamp: 99 }));
    expect(keyOf(FIXTURES.delivery)).not.toBe(
      keyOf({ ...FIXTURES.delivery, delivery: { watermark: 1458668856253, mids: ["other"] } }),
    );
  });

  it("do not depend on the order of mids", () => {
    const a = { ...FIXTURES.delivery, delivery: { mids: ["a", "b"], watermark: 1 } };
    const b = { ...FIXTURES.delivery, delivery: { mids: ["b", "a"], watermark: 1 } };
    expect(keyOf(a)).toBe(keyOf(b));
  });

  it("keep a message and its kind apart", () => {
    expect(keyOf(FIXTURES.message)).toMatch(/^message:/);
    expect(keyOf(FIXTURES.echo)).toMatch(/^echo:/);
  });
});

describe("parseWebhookEvents: property", () => {
  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        parseWebhookEvents(json);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary JSON inside a valid envelope, and yields one event per item", () => {
    const item = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(...Object.values(FIXTURES)),
      fc.record(
        {
          sender: fc.jsonValue(),
          recipient: fc.jsonValue(),
          timestamp: fc.jsonValue(),
          message: fc.jsonValue(),
          optin: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), (messaging) => {
        const result = parseWebhookEvents(envelope(...messaging));
        expect(result.ok && result.events.length).toBe(messaging.length);
      }),
      { numRuns: 500 },
    );
  });
});
