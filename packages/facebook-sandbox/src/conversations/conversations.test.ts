import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSecretProof } from "../state/app-secret-proof";
import { expectGraphError } from "../testing/graph-assertions";
import {
  APP_SECRET,
  createHarness,
  type Harness,
  type PageSetup,
  PUBLIC_URL,
  textTo,
} from "../testing/test-harness";

interface Listing {
  data: Array<{ id: string; created_time?: string }>;
  paging?: { cursors: { before: string; after: string }; next?: string };
}

describe.each(testDrivers())("conversation reads (MESSENGER.md §9) on %s", (driver) => {
  let h: Harness;
  let s: PageSetup;
  /** Newest first: 15 pairs of Page message, then the person's answer, one second apart. */
  const mids: { mid: string; from: "page" | "person"; text: string }[] = [];
  let conversationId = "";

  const auth = (token: string) =>
    `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`;
  /** A GET half a second after the last, so the 2 calls/s limit never interferes. */
  const read = (path: string, query = "", token = s.token) => {
    h.advance(500);
    return h.app.request(`/v25.0/${path}?${auth(token)}${query ? `&${query}` : ""}`);
  };
  const json = async <T>(response: Response) => {
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    h = await createHarness(driver);
    s = await h.setupPage();
    for (let i = 0; i < 15; i++) {
      h.advance(1000);
      const sent = await h.send(s, textTo(s.psid, `Offer ${i}`));
      const { message_id } = (await sent.json()) as { message_id: string };
      mids.unshift({ mid: message_id, from: "page", text: `Offer ${i}` });
      h.advance(1000);
      const wrote = await h.admin.writeMessage({
        personId: s.personId,
        pageId: s.pageId,
        text: `Reply ${i}`,
      });
      mids.unshift({ mid: wrote.mid, from: "person", text: `Reply ${i}` });
    }
    const found = await json<{ data: Array<{ id: string }> }>(
      await read(`${s.pageId}/conversations`, `platform=messenger&user_id=${s.psid}`),
    );
    conversationId = found.data[0]?.id ?? "";
  });
  afterAll(async () => {
    await h?.close();
  });

  it("finds the conversation with a person by PSID, and none for a person without messages", async () => {
    expect(conversationId).toMatch(/^t_\d{15}$/);
    const found = await json<{ data: unknown[] }>(
      await read(`${s.pageId}/conversations`, `platform=messenger&user_id=${s.psid}`),
    );
    expect(found.data).toEqual([
      { id: conversationId, updated_time: expect.stringMatching(/\+0000$/) },
    ]);
    const quiet = await h.admin.addPerson({ firstName: "Quiet", lastName: "One" });
    const { psid } = await h.admin.optIn({ personId: quiet.id, pageId: s.pageId });
    const none = await read(`${s.pageId}/conversations`, `platform=messenger&user_id=${psid}`);
    expect(await json(none)).toEqual({ data: [] });
    const stranger = await read(
      `${s.pageId}/conversations`,
      "platform=messenger&user_id=1999999999999999",
    );
    expect(await json(stranger)).toEqual({ data: [] });
  });

  it("needs platform=messenger and a user_id, and honours fields", async () => {
    await expectGraphError(await read(`${s.pageId}/conversations`, `user_id=${s.psid}`), {
      code: 100,
    });
    await expectGraphError(
      await read(`${s.pageId}/conversations`, `platform=instagram&user_id=${s.psid}`),
      { code: 100 },
    );
    await expectGraphError(await read(`${s.pageId}/conversations`, "platform=messenger"), {
      code: 100,
    });
    const withFields = await read(
      `${s.pageId}/conversations`,
      `platform=messenger&user_id=${s.psid}&fields=participants`,
    );
    const body = await json<{ data: Array<Record<string, unknown>> }>(withFields);
    expect(body.data[0]).toEqual({
      participants: {
        data: [
          { name: "Ana García", email: `${s.psid}@facebook.com`, id: s.psid },
          { name: "Test Page", email: `${s.pageId}@facebook.com`, id: s.pageId },
        ],
      },
      id: conversationId,
    });
    await expectGraphError(
      await read(
        `${s.pageId}/conversations`,
        `platform=messenger&user_id=${s.psid}&fields=telepathy`,
      ),
      { code: 100 },
    );
  });

  it("refuses a missing token, a user token, another Page's token and missing permissions or tasks", async () => {
    const path = `${s.pageId}/conversations`;
    const query = `platform=messenger&user_id=${s.psid}`;
    await expectGraphError(await h.app.request(`/v25.0/${path}?${query}`), { code: 190 });
    await expectGraphError(await read(path, query, "EAAnope"), { code: 190 });
    const userToken = await h.admin.issueUserToken({ userId: s.userId });
    await expectGraphError(await read(path, query, userToken), { code: 210 });
    const other = await h.setupPage();
    const notOurs = { code: 100, subcode: 33, type: "GraphMethodException" };
    await expectGraphError(await read(path, query, other.token), notOurs);
    await expectGraphError(await read(conversationId, "fields=messages", other.token), notOurs);
    await expectGraphError(await read(mids[0]!.mid, "", other.token), notOurs);
    for (const lacking of ["pages_read_engagement", "pages_manage_metadata", "pages_messaging"]) {
      const scopes = [
        "pages_show_list",
        "pages_messaging",
        "pages_manage_metadata",
        "pages_read_engagement",
      ];
      const token = await h.admin.pageToken({
        userId: s.userId,
        pageId: s.pageId,
        scopes: scopes.filter((x) => x !== lacking),
      });
      const error = await expectGraphError(await read(path, query, token), { code: 200 });
      expect(error.message).toContain(lacking);
    }
    const { user } = await h.admin.addUser({
      name: "Analyst",
      pages: [{ pageId: s.pageId, role: "Analyst" }],
    });
    const analyst = await h.admin.pageToken({ userId: user.id, pageId: s.pageId });
    await expectGraphError(await read(path, query, analyst), { code: 200 });
    const { user: moderator } = await h.admin.addUser({
      name: "Moderator",
      pages: [{ pageId: s.pageId, role: "Moderator" }],
    });
    const moderatorToken = await h.admin.pageToken({ userId: moderator.id, pageId: s.pageId });
    expect((await read(path, query, moderatorToken)).status).toBe(200);
  });

  it("answers unknown conversation and message ids as missing objects", async () => {
    const missing = { code: 100, subcode: 33, type: "GraphMethodException" };
    await expectGraphError(await read("t_100000000000001", "fields=messages"), missing);
    await expectGraphError(await read("t_100000000000001/messages"), missing);
    await expectGraphError(await read("m_nope", "fields=id,message"), missing);
  });

  it("lists messages newest first, 25 a page, with cursors and a next link to the messages edge", async () => {
    const first = await json<{ id: string; messages: Listing }>(
      await read(conversationId, "fields=messages"),
    );
    expect(first.id).toBe(conversationId);
    expect(first.messages.data.map((m) => m.id)).toEqual(mids.slice(0, 25).map((m) => m.mid));
    expect(first.messages.data[0]?.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const next = new URL(first.messages.paging?.next ?? "");
    expect(next.href.startsWith(`${PUBLIC_URL}/v25.0/${conversationId}/messages?`)).toBe(true);
    expect(next.searchParams.get("after")).toBe(first.messages.paging?.cursors.after);
    h.advance(500);
    const second = await json<Listing>(await h.app.request(next.href.slice(PUBLIC_URL.length)));
    expect(second.data.map((m) => m.id)).toEqual(mids.slice(25).map((m) => m.mid));
    expect(second.paging?.next).toBeUndefined();
  });

  it("honours limit up to 100, the .limit() modifier and the edge's fields", async () => {
    const all = await json<Listing>(await read(`${conversationId}/messages`, "limit=500"));
    expect(all.data).toHaveLength(30);
    expect(all.paging?.next).toBeUndefined();
    const ten = await json<{ messages: Listing }>(
      await read(conversationId, "fields=messages.limit(10){id}"),
    );
    expect(ten.messages.data).toEqual(mids.slice(0, 10).map((m) => ({ id: m.mid })));
    expect(new URL(ten.messages.paging?.next ?? "").searchParams.get("limit")).toBe("10");
    const after = ten.messages.paging?.cursors.after ?? "";
    const rest = await json<Listing>(
      await read(`${conversationId}/messages`, `limit=5&after=${after}&fields=id,created_time`),
    );
    expect(rest.data.map((m) => m.id)).toEqual(mids.slice(10, 15).map((m) => m.mid));
    await expectGraphError(await read(`${conversationId}/messages`, "limit=0"), { code: 100 });
    await expectGraphError(await read(`${conversationId}/messages`, "after=garbage"), {
      code: 100,
    });
    await expectGraphError(await read(`${conversationId}/messages`, "fields=message"), {
      code: 100,
    });
  });

  it("gives a message's details (from the Page or the person) for the 20 most recent only", async () => {
    const fields = "fields=id,created_time,from,to,message";
    const pageMessage = mids.find((m) => m.from === "page")!;
    const sent = await json<Record<string, unknown>>(await read(pageMessage.mid, fields));
    expect(sent).toEqual({
      id: pageMessage.mid,
      created_time: expect.stringMatching(/\+0000$/),
      from: { name: "Test Page", email: `${s.pageId}@facebook.com`, id: s.pageId },
      to: { data: [{ name: "Ana García", email: `${s.psid}@facebook.com`, id: s.psid }] },
      message: pageMessage.text,
    });
    const inbound = await json<Record<string, unknown>>(await read(mids[0]!.mid, fields));
    expect(inbound).toMatchObject({
      from: { id: s.psid },
      to: { data: [{ id: s.pageId }] },
      message: mids[0]!.text,
    });
    expect(await json(await read(mids[19]!.mid, "fields=message"))).toEqual({
      message: mids[19]!.text,
      id: mids[19]!.mid,
    });
    const old = await expectGraphError(await read(mids[20]!.mid, fields), {
      code: 100,
      type: "GraphMethodException",
    });
    expect(old.message).toContain("20 most recent");
    await expectGraphError(await read(mids[0]!.mid, "fields=attachments"), { code: 100 });
  });

  it("allows about 2 calls a second per Page, then answers 613", async () => {
    h.advance(2000);
    const path = `/v25.0/${conversationId}/messages?${auth(s.token)}`;
    expect((await h.app.request(path)).status).toBe(200);
    expect((await h.app.request(path)).status).toBe(200);
    const limited = await expectGraphError(await h.app.request(path), { code: 613 });
    expect(limited.is_transient).toBe(true);
    const other = await h.setupPage();
    expect(
      (
        await h.app.request(
          `/v25.0/${other.pageId}/conversations?platform=messenger&user_id=${other.psid}&${auth(other.token)}`,
        )
      ).status,
    ).toBe(200);
    h.advance(1000);
    expect((await h.app.request(path)).status).toBe(200);
  });

  it("fails or slows down on demand with the conversations fault switch", async () => {
    await h.admin.setFaults({
      conversations: { errors: [{ code: 2, count: 1 }], pageId: s.pageId },
    });
    await expectGraphError(await read(`${conversationId}/messages`), { code: 2, status: 500 });
    expect((await read(`${conversationId}/messages`)).status).toBe(200);
    await h.admin.setFaults({ conversations: { latencyMs: 150 } });
    const started = performance.now();
    expect((await read(`${conversationId}/messages`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await h.admin.setFaults({ conversations: { errors: [{ code: 613, rate: 1 }] } });
    await expectGraphError(await read(mids[0]!.mid), { code: 613 });
    const sendsUnaffected = await h.send(s, textTo(s.psid, "still sending"));
    expect(sendsUnaffected.status).toBe(200);
    await h.admin.setFaults({ conversations: null });
    expect((await read(mids[1]!.mid)).status).toBe(200);
    await expect(h.admin.setFaults({ conversations: { pageId: "999" } })).rejects.toThrow(
      /conversations\.pageId/,
    );
    await expect(h.admin.setFaults({ conversations: { latency: 5 } as never })).rejects.toThrow();
  });
});
