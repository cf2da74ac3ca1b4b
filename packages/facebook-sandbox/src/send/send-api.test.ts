import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGraphError } from "../testing/graph-assertions";
import { auth, postForm } from "../testing/send-case";
import { createHarness, type Harness, type PageSetup, textTo } from "../testing/test-harness";

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
      const response = await postForm(h, s, body);
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
