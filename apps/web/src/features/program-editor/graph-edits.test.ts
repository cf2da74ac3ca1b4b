import { edge, endNode, programDocument, startNode, waitNode } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import {
  connect,
  connectionProblem,
  deleteSelection,
  nodesReaching,
  wouldCreateCycle,
} from "./graph-edits";
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
    expect(next.edges).toEqual([]);
    const edgeSelected = {
      nodes: graph.nodes,
      edges: graph.edges.map((e, i) => (i === 1 ? { ...e, selected: true } : e)),
    };
    expect(deleteSelection(edgeSelected).edges.map((e) => e.id)).toEqual([graph.edges[0]!.id]);
  });
});
