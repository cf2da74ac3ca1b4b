import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectedPage,
  type ContractHarness,
  connectPage,
  startContractHarness,
} from "./contract-harness";

describe.each(testDrivers())(
  "client ↔ sandbox over HTTP: reading conversations on %s",
  (driver) => {
    let h: ContractHarness;
    let p: ConnectedPage;
    /** Newest first, as Facebook lists them. */
    const sent: { id: string; fromPage: boolean; text: string }[] = [];
    /** Keeps each read half a second after the last: the Conversations API allows about 2 a second. */
    const paced = <T>(call: () => Promise<T>) => {
      h.advance(500);
      return call();
    };

    beforeAll(async () => {
      h = await startContractHarness(driver);
      p = await connectPage(h);
      for (let i = 0; i < 14; i++) {
        h.advance(1000);
        const text = `Offer ${i}`;
        const answer = await h.client.sendMessage({
          pageToken: p.pageToken,
          psid: p.psid,
          text,
          messagingType: "UPDATE",
        });
        if (!answer.ok) throw new Error(`send failed: ${answer.error.message}`);
        sent.unshift({ id: answer.messageId, fromPage: true, text });
        h.advance(1000);
        const wrote = await h.sandbox.admin.writeMessage({
          personId: p.personId,
          pageId: p.pageId,
          text: `Reply ${i}`,
        });
        sent.unshift({ id: wrote.mid, fromPage: false, text: `Reply ${i}` });
      }
    });
    afterAll(async () => {
      await h?.close();
    });

    it("finds the conversation, walks its messages newest first across pages, and reads the newest in detail", async () => {
      const found = await paced(() => h.client.findConversation(p.pageToken, p.pageId, p.psid));
      if (!found.ok || found.conversationId === null) throw new Error("no conversation");
      const ids: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await paced(() =>
          h.client.listConversationMessages(p.pageToken, found.conversationId!, after),
        );
        if (!page.ok) throw new Error(page.error.message);
        for (const m of page.messages)
          expect(m.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
        ids.push(...page.messages.map((m) => m.id));
        if (page.after === null) break;
        after = page.after;
      }
      expect(ids).toEqual(sent.map((m) => m.id));
      const paths = h.requests.map((u) => u.pathname);
      expect(paths).toContain(`/fb-sandbox/v25.0/${found.conversationId}`);
      expect(paths).toContain(`/fb-sandbox/v25.0/${found.conversationId}/messages`);

      const fromPage = sent.find((m) => m.fromPage)!;
      const detail = await paced(() => h.client.getMessage(p.pageToken, fromPage.id));
      expect(detail).toEqual({
        ok: true,
        message: {
          id: fromPage.id,
          createdTime: expect.any(String),
          fromId: p.pageId,
          text: fromPage.text,
        },
      });
      const reply = await paced(() => h.client.getMessage(p.pageToken, sent[0]!.id));
      expect(reply).toMatchObject({ ok: true, message: { fromId: p.psid, text: sent[0]!.text } });
    });

    it("gives null for a person without a conversation and classifies Facebook's refusals", async () => {
      const person = await h.sandbox.admin.addPerson({ firstName: "No", lastName: "Messages" });
      const { psid } = await h.sandbox.admin.optIn({ personId: person.id, pageId: p.pageId });
      expect(await paced(() => h.client.findConversation(p.pageToken, p.pageId, psid))).toEqual({
        ok: true,
        conversationId: null,
      });
      const old = await paced(() => h.client.getMessage(p.pageToken, sent[20]!.id));
      expect(old).toMatchObject({
        ok: false,
        error: { kind: "graph", code: 100, classification: "bad_request" },
      });
      const unknown = await paced(() => h.client.getMessage(p.pageToken, "m_unknown"));
      expect(unknown).toMatchObject({ ok: false, error: { code: 100, subcode: 33 } });
      const noEngagement = await h.sandbox.admin.pageToken({
        userId: p.userId,
        pageId: p.pageId,
        scopes: ["pages_show_list", "pages_messaging", "pages_manage_metadata"],
      });
      const denied = await paced(() => h.client.findConversation(noEngagement, p.pageId, p.psid));
      expect(denied).toMatchObject({
        ok: false,
        error: { code: 200, classification: "permission" },
      });

      h.advance(2000);
      const burst = await Promise.all(
        [0, 1, 2].map(() => h.client.listConversationMessages(p.pageToken, "t_100000000000001")),
      );
      expect(
        burst.map((r) => (r.ok ? 0 : r.error.kind === "graph" ? r.error.code : -1)).sort(),
      ).toEqual([100, 100, 613]);
      const limited = burst.find((r) => !r.ok && r.error.kind === "graph" && r.error.code === 613);
      expect(limited).toMatchObject({ error: { classification: "retry", backoff: "rate_limit" } });
    });
  },
);
