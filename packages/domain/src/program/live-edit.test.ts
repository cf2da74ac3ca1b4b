import { describe, expect, it } from "vitest";
import { edge, endNode, programDocument, startNode, waitNode } from "../fixtures/program-builders";
import { planLiveEdit, waitTargets } from "./live-edit";

const before = programDocument(
  [
    startNode("s", { listId: null, allowApi: true }),
    waitNode("w", 1, "days"),
    endNode("e", "Done"),
  ],
  [edge("s", "w"), edge("w", "e")],
);
const withoutWait = programDocument(
  [startNode("s", { listId: null, allowApi: true }), endNode("e", "Done")],
  [edge("s", "e")],
);
const longer = programDocument(
  [
    startNode("s", { listId: null, allowApi: true }),
    waitNode("w", 3, "days"),
    endNode("e", "Done"),
  ],
  [edge("s", "w"), edge("w", "e")],
);
const held = new Map([["w", { contacts: 4, waiting: 4 }]]);

describe("planLiveEdit", () => {
  it("refuses to drop a node holding contacts, with the count and the node after it", () => {
    expect(planLiveEdit(before, withoutWait, held)).toEqual({
      ok: false,
      removed: [{ nodeId: "w", name: "Wait 1", contacts: 4, next: { nodeId: "e", name: "End 1" } }],
      waits: [],
      invalid: [],
    });
  });

  it("moves them where the marketer chose: the next node, or out of the program", () => {
    expect(planLiveEdit(before, withoutWait, held, { moves: { w: "e" } })).toEqual({
      ok: true,
      moves: [{ nodeId: "w", to: "e", contacts: 4 }],
      recompute: [],
    });
    expect(planLiveEdit(before, withoutWait, held, { moves: { w: null } })).toMatchObject({
      ok: true,
      moves: [{ nodeId: "w", to: null }],
    });
    expect(planLiveEdit(before, withoutWait, held, { moves: { w: "gone" } })).toMatchObject({
      ok: false,
      invalid: ["The contacts of Wait 1 cannot move to a node that is not in the program"],
    });
  });

  it("asks whom a Wait's new duration applies to, and recomputes only when told to", () => {
    expect(planLiveEdit(before, longer, held)).toEqual({
      ok: false,
      removed: [],
      waits: [{ nodeId: "w", name: "Wait 1", waiting: 4, from: "1 day", to: "3 days" }],
      invalid: [],
    });
    expect(planLiveEdit(before, longer, held, { waits: { w: "all" } })).toEqual({
      ok: true,
      moves: [],
      recompute: [{ nodeId: "w", durationMs: 3 * 86_400_000 }],
    });
    expect(planLiveEdit(before, longer, held, { waits: { w: "new" } })).toEqual({
      ok: true,
      moves: [],
      recompute: [],
    });
  });

  it("lets everything else through: empty nodes, unchanged Waits, contacts not yet run", () => {
    expect(
      planLiveEdit(before, withoutWait, new Map([["w", { contacts: 0, waiting: 0 }]])),
    ).toEqual({
      ok: true,
      moves: [],
      recompute: [],
    });
    expect(planLiveEdit(before, before, held).ok).toBe(true);
    expect(planLiveEdit(before, longer, new Map([["w", { contacts: 2, waiting: 0 }]])).ok).toBe(
      true,
    );
  });

  it("knows where each Wait leads", () => {
    expect(waitTargets(longer)).toEqual(new Map([["w", "e"]]));
  });
});
