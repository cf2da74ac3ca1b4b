import {
  decisionNode,
  edge,
  endNode,
  programDocument,
  startNode,
  waitNode,
} from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import type { FlowGraph } from "./flow-types";
import {
  addNode,
  connect,
  connectionProblem,
  deleteSelection,
  insertNode,
  nodesReaching,
  wouldCreateCycle,
} from "./graph-edits";
import { createFlowNode } from "./new-node";
import { hasOverlaps, NODE_HEIGHT, nodeBox, overlaps, ROW_GAP } from "./placement";
import { toFlow } from "./to-flow";

const graph = toFlow(
  programDocument(
    [startNode("s"), waitNode("w1"), waitNode("w2"), endNode("e")],
    [edge("s", "w1"), edge("w1", "w2")],
  ),
);
const link = (source: string, target: string, sourceHandle: string | null = null) => ({
  source,
  target,
  sourceHandle,
  targetHandle: null,
});

describe("connections", () => {
  it.each([
    ["w2", "w1", true],
    ["w2", "s", true],
    ["w1", "w1", true],
    ["w2", "e", false],
    ["s", "w2", false],
  ])("a connection %s → %s closes a loop: %s", (source, target, loops) => {
    expect(wouldCreateCycle(graph.edges, source, target)).toBe(loops);
    expect(nodesReaching(graph.edges, source).has(target)).toBe(loops);
  });

  it.each([
    ["e", "w1", "An End node has no output"],
    ["w1", "s", "Nothing can connect into the Start node"],
    ["w2", "w1", "Programs cannot loop: connect onwards to a later step"],
    ["w2", "e", null],
  ])("%s → %s: %s", (source, target, problem) => {
    expect(connectionProblem(graph, link(source, target))).toBe(problem);
  });

  it("replaces the connection already leaving the same output", () => {
    const next = connect(graph, link("w1", "e"));
    expect(next.edges.filter((e) => e.source === "w1").map((e) => e.target)).toEqual(["e"]);
    expect(next.edges).toHaveLength(2);
  });

  it("keeps Decision outputs apart and marks them", () => {
    const withDecision = toFlow(
      programDocument([startNode("s"), waitNode("a"), waitNode("b")], []),
    );
    const yes = connect(withDecision, link("s", "a", "yes"));
    const both = connect(yes, link("s", "b", "no"));
    expect(both.edges.map((e) => [e.sourceHandle, e.className])).toEqual([
      ["yes", "edge-yes"],
      ["no", "edge-no"],
    ]);
  });
});

describe("deleteSelection", () => {
  it("removes selected nodes with their connections, and selected connections", () => {
    const selected = {
      nodes: graph.nodes.map((n) => (n.id === "w1" ? { ...n, selected: true } : n)),
      edges: graph.edges,
    };
    const next = deleteSelection(selected);
    expect(next.nodes.map((n) => n.id)).toEqual(["s", "w2", "e"]);
    // The middle step is gone and its neighbours are joined.
    expect(next.edges.map((e) => [e.source, e.target])).toEqual([["s", "w2"]]);
    const edgeSelected = {
      nodes: graph.nodes,
      edges: graph.edges.map((e, i) => (i === 1 ? { ...e, selected: true } : e)),
    };
    expect(deleteSelection(edgeSelected).edges.map((e) => e.id)).toEqual([graph.edges[0]!.id]);
  });
});

const select = (g: FlowGraph, ...ids: string[]): FlowGraph => ({
  nodes: g.nodes.map((n) => ({ ...n, selected: ids.includes(n.id) })),
  edges: g.edges,
});
const links = (g: FlowGraph) =>
  g.edges.map((e) => `${e.source}-${e.sourceHandle ?? ""}>${e.target}`);
const rule = { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } as const;
const column = toFlow(
  programDocument(
    [
      startNode("s", {}, { x: 0, y: 0 }),
      waitNode("w", 1, "days", { x: 0, y: 136 }),
      endNode("e", "Done", { x: 0, y: 272 }),
    ],
    [edge("s", "w"), edge("w", "e")],
  ),
);

describe("deleteSelection reconnects", () => {
  it("joins the ends of a deleted chain of steps", () => {
    const next = deleteSelection(select(graph, "w1", "w2"));
    expect(next.edges).toEqual([]);
    const chain = toFlow(
      programDocument(
        [startNode("s"), waitNode("a"), waitNode("b"), endNode("e")],
        [edge("s", "a"), edge("a", "b"), edge("b", "e")],
      ),
    );
    expect(links(deleteSelection(select(chain, "a", "b")))).toEqual(["s->e"]);
  });

  it("keeps the Decision output that led into the deleted step", () => {
    const g = toFlow(
      programDocument(
        [decisionNode("d", rule), waitNode("w"), endNode("e")],
        [edge("d", "w", "yes"), edge("w", "e"), edge("d", "e", "no")],
      ),
    );
    expect(links(deleteSelection(select(g, "w")))).toEqual(["d-no>e", "d-yes>e"]);
  });

  it("leaves the inputs open when a deleted Decision went two ways", () => {
    const g = toFlow(
      programDocument(
        [startNode("s"), decisionNode("d", rule), waitNode("a"), endNode("e")],
        [edge("s", "d"), edge("d", "a", "yes"), edge("d", "e", "no")],
      ),
    );
    expect(links(deleteSelection(select(g, "d")))).toEqual([]);
  });
});

describe("insertNode", () => {
  const fresh = (type: "wait" | "decision" | "end" | "start") =>
    createFlowNode(type, { x: 500, y: 500 }, []);

  it("puts a step on a connection, connected on both sides, and makes room below it", () => {
    const node = fresh("wait");
    const next = insertNode(column, node, { kind: "edge", edgeId: column.edges[0]!.id });
    expect(links(next)).toEqual(["w->e", `s->${node.id}`, `${node.id}->w`]);
    const placed = next.nodes.find((n) => n.id === node.id)!;
    expect(placed.selected).toBe(true);
    expect(next.nodes.filter((n) => n.selected)).toHaveLength(1);
    expect(placed.position).toEqual({ x: 0, y: NODE_HEIGHT + ROW_GAP });
    const y = (id: string) => next.nodes.find((n) => n.id === id)!.position.y;
    expect(y("w")).toBeGreaterThan(placed.position.y + NODE_HEIGHT);
    expect(y("e")).toBeGreaterThan(y("w") + NODE_HEIGHT);
    expect(hasOverlaps(next.nodes)).toBe(false);
  });

  it("adds after a free output below its node; a Decision's branches go left and right", () => {
    const g = toFlow(programDocument([decisionNode("d", rule, { x: 0, y: 0 })], []));
    const yes = fresh("wait");
    const afterYes = insertNode(g, yes, { kind: "output", nodeId: "d", handle: "yes" });
    const no = fresh("end");
    const both = insertNode(afterYes, no, { kind: "output", nodeId: "d", handle: "no" });
    expect(links(both)).toEqual([`d-yes>${yes.id}`, `d-no>${no.id}`]);
    const [, a, b] = both.nodes.map(nodeBox);
    expect(a!.x).toBeLessThan(0);
    expect(b!.x).toBeGreaterThan(0);
    expect(overlaps(a!, b!)).toBe(false);
  });

  it("never connects into a Start node or out of an End node", () => {
    const start = fresh("start");
    const next = insertNode(column, start, { kind: "edge", edgeId: column.edges[0]!.id });
    expect(links(next)).toEqual(links(column));
    const afterEnd = insertNode(column, fresh("wait"), {
      kind: "output",
      nodeId: "e",
      handle: null,
    });
    expect(afterEnd.edges).toHaveLength(2);
    expect(hasOverlaps(afterEnd.nodes)).toBe(false);
  });
});

describe("addNode", () => {
  it("connects after the one selected node, inserting before what followed it", () => {
    const node = createFlowNode("wait", { x: 0, y: 0 }, []);
    const next = addNode(select(column, "s"), node);
    expect(links(next)).toEqual(["w->e", `s->${node.id}`, `${node.id}->w`]);
    expect(hasOverlaps(next.nodes)).toBe(false);
  });

  it("adds an End after a taken output unconnected, and anything unconnected without a selection", () => {
    const end = createFlowNode("end", { x: 0, y: 0 }, []);
    expect(links(addNode(select(column, "s"), end))).toEqual(links(column));
    const loose = addNode(column, createFlowNode("wait", { x: 0, y: 10 }, []));
    expect(links(loose)).toEqual(links(column));
    expect(hasOverlaps(loose.nodes)).toBe(false);
  });
});
