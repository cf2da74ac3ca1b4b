import { describe, expect, it } from "vitest";
import { InboxWriter } from "./inbox-writer";
import type { InboxRow } from "./receive-webhook";

const row = (key: string): InboxRow => ({
  page_id: "1",
  kind: "delivery",
  dedupe_key: key,
  event_time: null,
  payload: {},
});

/** A store that holds each statement until `release()`, recording what it was given. */
function heldStore(fail: (rows: InboxRow[]) => unknown = () => undefined) {
  const statements: string[][] = [];
  const held: (() => void)[] = [];
  return {
    statements,
    release: () => {
      for (const go of held.splice(0)) go();
    },
    store: async (rows: InboxRow[]) => {
      statements.push(rows.map((r) => r.dedupe_key));
      await new Promise<void>((resolve) => held.push(resolve));
      const error = fail(rows);
      if (error) throw error;
      return { stored: rows.length };
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("InboxWriter", () => {
  it("writes a lone POST at once and gathers the POSTs that wait into one statement", async () => {
    const db = heldStore();
    let nudged = 0;
    const writer = new InboxWriter(db.store, { maxInFlight: 1, onStored: () => nudged++ });
    const first = writer.write([row("a")]);
    const rest = ["b", "c", "d"].map((k) => writer.write([row(k)]));
    expect(db.statements).toEqual([["a"]]);
    db.release();
    await first;
    await settle();
    expect(db.statements).toEqual([["a"], ["b", "c", "d"]]);
    db.release();
    await Promise.all(rest);
    expect(nudged).toBe(2);
  });

  it("fails only the POST the database refused, writing the others alone", async () => {
    const refused = Object.assign(new Error("unsupported Unicode escape sequence"), {
      code: "22P05",
    });
    const db = heldStore((rows) => rows.some((r) => r.dedupe_key === "bad") && refused);
    const writer = new InboxWriter(db.store, { maxInFlight: 1 });
    const first = writer.write([row("a")]);
    const good = writer.write([row("b")]);
    const bad = writer.write([row("bad")]);
    db.release();
    await first;
    for (let i = 0; i < 3; i++) {
      await settle();
      db.release();
    }
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toBe(refused);
    expect(db.statements).toEqual([["a"], ["b", "bad"], ["b"], ["bad"]]);
  });

  it("fails the whole batch at once when the database cannot be reached", async () => {
    const down = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const db = heldStore(() => down);
    const writer = new InboxWriter(db.store, { maxInFlight: 1 });
    const first = writer.write([row("a")]);
    const rest = [writer.write([row("b")]), writer.write([row("c")])];
    db.release();
    await expect(first).rejects.toBe(down);
    await settle();
    db.release();
    for (const write of rest) await expect(write).rejects.toBe(down);
    expect(db.statements).toEqual([["a"], ["b", "c"]]);
  });
});
