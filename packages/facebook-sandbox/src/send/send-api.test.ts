import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSecretProof } from "../state/app-secret-proof";
import { type ExpectedError, expectGraphError } from "../testing/graph-assertions";
import {
  APP_SECRET,
  createHarness,
  type Harness,
  type PageSetup,
  textTo,
} from "../testing/test-harness";

type Case = [
  rule: string,
  request: (h: Harness, s: PageSetup) => Response | Promise<Response>,
  expected: ExpectedError,
];

const auth = (s: PageSetup) => `access_token=${s.token}&appsecret_proof=${s.proof}`;
const form = (h: Harness, s: PageSetup, body: string) =>
  h.app.request(`/v25.0/me/messages?${auth(s)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });

const cases: Case[] = [
  [
    "1: page id in the path is not the token's page",
    (h, s) => h.send(s, textTo(s.psid), { path: "110000000000003" }),
    { code: 100, subcode: 33, type: "GraphMethodException" },
  ],
  ["2: no access token", (h, s) => h.send(s, textTo(s.psid), { query: "" }), { code: 190 }],
  [
    "2: unknown access token",
    (h, s) => h.send(s, textTo(s.psid), { query: "access_token=EAAnope&appsecret_proof=x" }),
    { code: 190 },
  ],
  [
    "2: revoked token (app removed from page)",
    async (h) => {
      const s = await h.setupPage();
      await h.admin.revokePage(s.pageId);
      return h.send(s, textTo(s.psid));
    },
    { code: 190, subcode: 458 },
  ],
  [
    "3: a user token",
    async (h, s) => {
      const token = await h.admin.issueUserToken({ userId: s.userId });
      return h.send(s, textTo(s.psid), {
        query: `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
      });
    },
    { code: 230 },
  ],
  [
    "3: a page token without pages_messaging",
    async (h, s) => {
      const token = await h.admin.pageToken({
        userId: s.userId,
        pageId: s.pageId,
        scopes: ["pages_show_list"],
      });
      return h.send(s, textTo(s.psid), {
        query: `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
      });
    },
    { code: 230 },
  ],
  [
    "3: a page token of an Analyst (no MESSAGING task)",
    async (h, s) => {
      const { user } = await h.admin.addUser({
        name: "Analyst",
        pages: [{ pageId: s.pageId, role: "Analyst" }],
      });
      const token = await h.admin.pageToken({ userId: user.id, pageId: s.pageId });
      return h.send(s, textTo(s.psid), {
        query: `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
      });
    },
    { code: 230 },
  ],
  [
    "4: missing appsecret_proof",
    (h, s) => h.send(s, textTo(s.psid), { query: `access_token=${s.token}` }),
    { code: 100, type: "GraphMethodException" },
  ],
  [
    "4: wrong appsecret_proof",
    (h, s) =>
      h.send(s, textTo(s.psid), {
        query: `access_token=${s.token}&appsecret_proof=${appSecretProof("other", s.token)}`,
      }),
    { code: 100, type: "GraphMethodException" },
  ],
  [
    "4: upper-case appsecret_proof",
    (h, s) =>
      h.send(s, textTo(s.psid), {
        query: `access_token=${s.token}&appsecret_proof=${s.proof.toUpperCase()}`,
      }),
    { code: 100, type: "GraphMethodException" },
  ],
  ["5: unparsable JSON", (h, s) => h.send(s, '{"recipient": {"id": '), { code: 100 }],
  ["5: JSON that is not an object", (h, s) => h.send(s, "[1,2]"), { code: 100 }],
  [
    "5: invalid UTF-8 bytes",
    (h, s) =>
      h.app.request(`/v25.0/me/messages?${auth(s)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      }),
    { code: 100 },
  ],
  [
    "5: form body with a non-JSON recipient",
    (h, s) =>
      form(h, s, "recipient=nope&messaging_type=UPDATE&message=%7B%22text%22%3A%22hi%22%7D"),
    { code: 100 },
  ],
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

describe.each(testDrivers())("Send API on %s", (driver) => {
  let h: Harness;
  let s: PageSetup;
  beforeAll(async () => {
    h = await createHarness(driver);
    s = await h.setupPage();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(cases)("refuses rule %s", async (_rule, request, expected) => {
    await expectGraphError(await request(h, s), expected);
  });

  it("accepts a JSON send on /me/messages and answers recipient_id and an m_ message id (rule 21)", async () => {
    const response = await h.send(s, textTo(s.psid, "Hi Ana, your spring catalogue is ready."));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["recipient_id", "message_id"]);
    expect(body.recipient_id).toBe(s.psid);
    expect(body.message_id).toMatch(/^m_[A-Za-z0-9_-]{40,}$/);
  });

  it("accepts /{page-id}/messages, a Bearer header and exactly 2000 characters counted as code points", async () => {
    const text = "😀".repeat(2000);
    const response = await h.app.request(`/v19.0/${s.pageId}/messages?appsecret_proof=${s.proof}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${s.token}` },
      body: JSON.stringify(textTo(s.psid, text)),
    });
    expect(response.status).toBe(200);
    const [stored] = await h.admin.messages({ psid: s.psid, limit: 1 });
    expect(stored?.text).toBe(text);
  });

  it("accepts form bodies with JSON-string objects, single-quoted objects and bracket keys", async () => {
    const bodies = [
      `recipient=${encodeURIComponent(JSON.stringify({ id: s.psid }))}&messaging_type=RESPONSE&message=${encodeURIComponent('{"text":"form"}')}`,
      `recipient={'id':'${s.psid}'}&messaging_type=RESPONSE&message={'text':'quoted'}`,
      `recipient[id]=${s.psid}&messaging_type=UPDATE&message[text]=brackets`,
    ];
    for (const body of bodies) {
      const response = await form(h, s, body);
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const texts = (await h.admin.messages({ psid: s.psid, limit: 3 })).map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(["form", "quoted", "brackets"]));
  });

  it("accepts the access token in a form body", async () => {
    const response = await h.app.request("/v25.0/me/messages", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `access_token=${s.token}&appsecret_proof=${s.proof}&recipient[id]=${s.psid}&messaging_type=UPDATE&message[text]=body-token`,
    });
    expect(response.status).toBe(200);
  });

  it("answers a sender action with recipient_id only", async () => {
    const response = await h.send(s, { recipient: { id: s.psid }, sender_action: "typing_on" });
    expect(await response.json()).toEqual({ recipient_id: s.psid });
  });

  it("runs a batch of sends and answers each in order", async () => {
    const item = (text: string) => ({
      method: "POST",
      relative_url: "me/messages",
      body: `recipient=${encodeURIComponent(JSON.stringify({ id: s.psid }))}&messaging_type=UPDATE&message=${encodeURIComponent(JSON.stringify({ text }))}`,
    });
    const bad = { method: "POST", relative_url: "me/messages", body: "messaging_type=UPDATE" };
    const response = await h.app.request(`/v25.0/?${auth(s)}&include_headers=false`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `batch=${encodeURIComponent(JSON.stringify([item("one"), bad, item("two")]))}`,
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as Array<{ code: number; body: string }>;
    expect(results.map((r) => r.code)).toEqual([200, 400, 200]);
    expect(JSON.parse(results[1]!.body).error.code).toBe(100);
    expect(JSON.parse(results[0]!.body).recipient_id).toBe(s.psid);
  });

  it("refuses a batch over 50 items with GraphBatchException", async () => {
    const items = Array.from({ length: 51 }, () => ({
      method: "POST",
      relative_url: "me/messages",
    }));
    const response = await h.app.request(`/v25.0/?${auth(s)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ batch: items }),
    });
    await expectGraphError(response, { code: 1, type: "GraphBatchException" });
  });

  it("answers unknown Graph paths with code 2500", async () => {
    await expectGraphError(await h.app.request(`/v25.0/me/unknown/edge?${auth(s)}`), {
      code: 2500,
    });
  });
});
