import type { SendErrorCase } from "./send-case";
import { textTo } from "./test-harness";

/** MESSENGER.md §8 rules 6–18: recipient, messaging type, tags, message, policy. */
export const bodyErrorCases: SendErrorCase[] = [
  [
    "6: no recipient",
    (h, s) => h.send(s, { messaging_type: "UPDATE", message: { text: "hi" } }),
    { code: 100 },
  ],
  [
    "6: empty recipient",
    (h, s) => h.send(s, { recipient: {}, messaging_type: "UPDATE", message: { text: "hi" } }),
    { code: 100 },
  ],
  [
    "6: two recipient identifiers",
    (h, s) =>
      h.send(s, {
        recipient: { id: s.psid, user_ref: "x" },
        messaging_type: "UPDATE",
        message: { text: "hi" },
      }),
    { code: 100 },
  ],
  [
    "6: unknown recipient field",
    (h, s) =>
      h.send(s, {
        recipient: { email: "a@b.c" },
        messaging_type: "UPDATE",
        message: { text: "hi" },
      }),
    { code: 100 },
  ],
  [
    "7: missing messaging_type",
    (h, s) => h.send(s, { recipient: { id: s.psid }, message: { text: "hi" } }),
    { code: 100 },
  ],
  [
    "7: unknown messaging_type",
    (h, s) => h.send(s, textTo(s.psid, "hi", { messaging_type: "PROMOTION" })),
    { code: 100 },
  ],
  [
    "7: lower-case messaging_type",
    (h, s) => h.send(s, textTo(s.psid, "hi", { messaging_type: "update" })),
    { code: 100 },
  ],
  [
    "8: MESSAGE_TAG without tag",
    (h, s) => h.send(s, textTo(s.psid, "hi", { messaging_type: "MESSAGE_TAG" })),
    { code: 100 },
  ],
  [
    "8: tag without MESSAGE_TAG",
    (h, s) => h.send(s, textTo(s.psid, "hi", { tag: "SHIPPING_UPDATE" })),
    { code: 100 },
  ],
  [
    "9: PERSONAL_PRODUCTIVITY is not a tag",
    (h, s) =>
      h.send(
        s,
        textTo(s.psid, "hi", { messaging_type: "MESSAGE_TAG", tag: "PERSONAL_PRODUCTIVITY" }),
      ),
    { code: 100 },
  ],
  [
    "9: a 2020 tag under policy 2018",
    (h, s) =>
      h.send(
        s,
        textTo(s.psid, "hi", { messaging_type: "MESSAGE_TAG", tag: "POST_PURCHASE_UPDATE" }),
      ),
    { code: 100 },
  ],
  [
    "10: both message and sender_action",
    (h, s) => h.send(s, textTo(s.psid, "hi", { sender_action: "typing_on" })),
    { code: 100 },
  ],
  [
    "10: neither message nor sender_action",
    (h, s) => h.send(s, { recipient: { id: s.psid }, messaging_type: "UPDATE" }),
    { code: 100 },
  ],
  [
    "11: text and attachment",
    (h, s) =>
      h.send(s, {
        recipient: { id: s.psid },
        messaging_type: "UPDATE",
        message: {
          text: "hi",
          attachment: { type: "image", payload: { url: "https://x.test/a.png" } },
        },
      }),
    { code: 100 },
  ],
  ["11: empty text", (h, s) => h.send(s, textTo(s.psid, "")), { code: 100, subcode: 2018034 }],
  [
    "11: empty message",
    (h, s) => h.send(s, { recipient: { id: s.psid }, messaging_type: "UPDATE", message: {} }),
    { code: 100, subcode: 2018034 },
  ],
  [
    "11: text over 2000 characters",
    (h, s) => h.send(s, textTo(s.psid, "a".repeat(2001))),
    { code: 100 },
  ],
  [
    "11: text that is not UTF-8 (lone surrogate)",
    (h, s) =>
      h.send(
        s,
        `{"recipient":{"id":"${s.psid}"},"messaging_type":"UPDATE","message":{"text":"bad \\ud800 text"}}`,
      ),
    { code: 100 },
  ],
  [
    "11: more than 13 quick replies",
    (h, s) =>
      h.send(s, {
        recipient: { id: s.psid },
        messaging_type: "UPDATE",
        message: {
          text: "hi",
          quick_replies: Array.from({ length: 14 }, (_, i) => ({
            content_type: "text",
            title: `Q${i}`,
            payload: `P${i}`,
          })),
        },
      }),
    { code: 100 },
  ],
  [
    "11: metadata over 1000 characters",
    (h, s) =>
      h.send(s, {
        recipient: { id: s.psid },
        messaging_type: "UPDATE",
        message: { text: "hi", metadata: "m".repeat(1001) },
      }),
    { code: 100 },
  ],
  [
    "11: unknown attachment type",
    (h, s) =>
      h.send(s, {
        recipient: { id: s.psid },
        messaging_type: "UPDATE",
        message: { attachment: { type: "hologram", payload: {} } },
      }),
    { code: 100 },
  ],
  [
    "12: unknown notification_type",
    (h, s) => h.send(s, textTo(s.psid, "hi", { notification_type: "LOUD" })),
    { code: 100 },
  ],
  [
    "12: unknown sender_action",
    (h, s) => h.send(s, { recipient: { id: s.psid }, sender_action: "dance" }),
    { code: 100 },
  ],
  [
    "13: unknown PSID",
    (h, s) => h.send(s, textTo("1234567890123456")),
    { code: 100, subcode: 2018001 },
  ],
  [
    "13: a PSID of another page",
    async (h, s) => {
      const other = await h.setupPage();
      return h.send(s, textTo(other.psid));
    },
    { code: 100, subcode: 2018001 },
  ],
  [
    "14: the person blocked the page",
    async (h) => {
      const s = await h.setupPage();
      await h.admin.block({ personId: s.personId, pageId: s.pageId });
      return h.send(s, textTo(s.psid));
    },
    { code: 551, subcode: 1545041 },
  ],
  [
    "17: unknown user_ref",
    (h, s) =>
      h.send(s, {
        recipient: { user_ref: "nobody" },
        messaging_type: "UPDATE",
        message: { text: "hi" },
      }),
    { code: 100, subcode: 2018001 },
  ],
  [
    "18: one_time_notif_token the sandbox never issued",
    (h, s) => h.send(s, { recipient: { one_time_notif_token: "otn" }, message: { text: "hi" } }),
    { code: 100 },
  ],
  [
    "18: unknown notification_messages_token",
    (h, s) =>
      h.send(s, { recipient: { notification_messages_token: "nm" }, message: { text: "hi" } }),
    { code: 100 },
  ],
];
