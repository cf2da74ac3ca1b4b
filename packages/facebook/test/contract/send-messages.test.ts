import { testDrivers } from "@waymark/db/testing";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type FacebookClient,
  type GraphFetch,
  keepAliveGraphFetch,
  type SendMessageRequest,
} from "../../src/index";
import {
  type ConnectedPage,
  type ContractHarness,
  connectPage,
  startContractHarness,
} from "./contract-harness";

const NON_ASCII = "¡Hola Zoë! 50% off & more + free = 😀 https://shop.example/spring?a=1&b=2";

const update = (psid: string, text: string, metadata?: string): SendMessageRequest => ({
  psid,
  text,
  messagingType: "UPDATE",
  ...(metadata === undefined ? {} : { metadata }),
});

const pool = new Agent({ keepAliveTimeout: 5_000 });
const transports: [string, GraphFetch][] = [
  ["keepAliveGraphFetch", keepAliveGraphFetch(pool)],
  ["fetch", (url, init) => globalThis.fetch(url, init)],
];

afterAll(async () => {
  await pool.close();
});

describe.each(testDrivers())("client ↔ sandbox over HTTP: Graph batch sends on %s", (driver) => {
  let h: ContractHarness;
  beforeAll(async () => {
    h = await startContractHarness(driver);
  });
  afterEach(() => {
    h.sandbox.admin.resetFaults();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A connected Page with `extra` more people opted in to it; all their person ids and PSIDs. */
  async function pageWithPeople(
    extra: number,
  ): Promise<ConnectedPage & { personIds: string[]; psids: string[] }> {
    const page = await connectPage(h);
    const personIds = [page.personId];
    const psids = [page.psid];
    for (let i = 0; i < extra; i++) {
      const person = await h.sandbox.admin.addPerson({ firstName: "Ana", lastName: `B${i}` });
      personIds.push(person.id);
      psids.push((await h.sandbox.admin.optIn({ personId: person.id, pageId: page.pageId })).psid);
    }
    return { ...page, personIds, psids };
  }

  describe.each(transports)("with %s", (_name, transport) => {
    let client: FacebookClient;
    let calls = 0;
    beforeAll(() => {
      client = h.clientWith({
        fetch: (url, init) => {
          calls++;
          return transport(url, init);
        },
      });
    });

    it("sends every request in one HTTP call; each gets its message id and PSID", async () => {
      const page = await pageWithPeople(2);
      const before = calls;
      const results = await client.sendMessages(
        page.pageToken,
        page.psids.map((psid, i) => update(psid, `${NON_ASCII} #${i}`, `wm:batch:${i}`)),
      );
      expect(calls - before).toBe(1);
      expect(results).toEqual(
        page.psids.map((psid) => ({ ok: true, messageId: expect.any(String), recipientId: psid })),
      );
      const ids = results.map((r) => (r.ok ? r.messageId : ""));
      expect(new Set(ids).size).toBe(ids.length);
      for (const [i, psid] of page.psids.entries()) {
        const [stored] = await h.sandbox.admin.messages({ psid, limit: 1 });
        expect(stored).toMatchObject({
          mid: ids[i],
          text: `${NON_ASCII} #${i}`,
          metadata: `wm:batch:${i}`,
        });
      }
    });

    it("fails a bad recipient alone: unknown PSID, someone else's PSID, a blocked person", async () => {
      const page = await pageWithPeople(2);
      const other = await connectPage(h);
      const blocked = page.psids[2]!;
      await h.sandbox.admin.block({ personId: page.personIds[2]!, pageId: page.pageId });
      const results = await client.sendMessages(page.pageToken, [
        update(page.psids[0]!, "first good one"),
        update("9999999999999999", "nobody"),
        update(other.psid, "not opted in to this Page"),
        update(blocked, "blocked"),
        update(page.psids[1]!, "second good one"),
      ]);
      expect(results).toEqual([
        { ok: true, messageId: expect.any(String), recipientId: page.psids[0] },
        {
          ok: false,
          error: expect.objectContaining({
            kind: "graph",
            code: 100,
            subcode: 2018001,
            classification: "permanent_recipient",
          }),
        },
        {
          ok: false,
          error: expect.objectContaining({ code: 100, classification: "permanent_recipient" }),
        },
        {
          ok: false,
          error: expect.objectContaining({
            code: 551,
            subcode: 1545041,
            classification: "permanent_recipient",
          }),
        },
        { ok: true, messageId: expect.any(String), recipientId: page.psids[1] },
      ]);
    });

    it("gives every request the top-level 190 of an invalid token", async () => {
      const page = await pageWithPeople(1);
      for (const token of ["EAAnot-a-token", page.pageToken]) {
        if (token === page.pageToken) await h.sandbox.admin.revokePage(page.pageId);
        const results = await client.sendMessages(
          token,
          page.psids.map((psid) => update(psid, "hi")),
        );
        expect(results).toEqual(
          page.psids.map(() => ({
            ok: false,
            error: expect.objectContaining({
              kind: "graph",
              code: 190,
              classification: "token_invalid",
            }),
          })),
        );
      }
    });

    it("takes 50 requests in one call and refuses 51 without calling", async () => {
      const page = await pageWithPeople(4);
      const fifty = Array.from({ length: 50 }, (_, i) =>
        update(page.psids[i % page.psids.length]!, `${NON_ASCII} ${i}`),
      );
      const before = calls;
      const results = await client.sendMessages(page.pageToken, fifty);
      expect(results.filter((r) => r.ok)).toHaveLength(50);
      await expect(
        client.sendMessages(page.pageToken, [...fifty, update(page.psid, "one too many")]),
      ).rejects.toThrow(RangeError);
      expect(calls - before).toBe(1);
    });

    it("retries every request of a batch Facebook answered 503 (transient)", async () => {
      const page = await pageWithPeople(1);
      await h.sandbox.admin.setFaults({ burst: { status: 503, count: 1 } });
      const results = await client.sendMessages(
        page.pageToken,
        page.psids.map((psid) => update(psid, "hi")),
      );
      for (const result of results) {
        expect(result).toMatchObject({
          ok: false,
          error: { kind: "graph", httpStatus: 503, classification: "retry", backoff: "transient" },
        });
      }
    });
  });

  it("a batch that times out is 'unknown' for every request (they did go out)", async () => {
    const page = await pageWithPeople(1);
    const impatient = h.clientWith({ timeoutMs: 100 });
    await h.sandbox.admin.setFaults({ latencyMs: 400 });
    const text = `slow batch ${Math.random()}`;
    const results = await impatient.sendMessages(
      page.pageToken,
      page.psids.map((psid) => update(psid, text)),
    );
    expect(results).toEqual(
      page.psids.map(() => ({
        ok: false,
        error: expect.objectContaining({ kind: "unknown", reason: "timeout" }),
      })),
    );
    h.sandbox.admin.resetFaults();
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const psid of page.psids) {
      const stored = await h.sandbox.admin.messages({ psid, limit: 5 });
      expect(stored.map((m) => m.text)).toContain(text);
    }
  });
});
