import { decisionNode, edge, endNode, programDocument, startNode } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import { nameEdges } from "./edge-names";
import { toFlow } from "./to-flow";

const rule = { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } as const;

describe("nameEdges", () => {
  it("names connections by their ends' labels and branch, and keeps unchanged ones", () => {
    const graph = toFlow(
      programDocument(
        [startNode("s"), decisionNode("d", rule), endNode("e", "Done")],
        [edge("s", "d"), edge("d", "e", "yes")],
      ),
    );
    const cache = new WeakMap();
    const named = nameEdges(graph.edges, graph.nodes, cache);
    expect(named.map((e) => e.ariaLabel)).toEqual([
      "Edge from Start: Through the API to Decision: FIRSTNAME is not empty",
      "Edge from Decision: FIRSTNAME is not empty to End: Done (Yes)",
    ]);
    expect(named[1]!.data).toEqual({
      from: "Decision: FIRSTNAME is not empty",
      to: "End: Done",
    });
    expect(nameEdges(graph.edges, graph.nodes, cache)[0]).toBe(named[0]);
    const renamed = graph.nodes.map((n) => (n.id === "e" ? { ...n, ariaLabel: "End: Won" } : n));
    const again = nameEdges(graph.edges, renamed, cache);
    expect(again[0]).toBe(named[0]);
    expect(again[1]!.ariaLabel).toBe(
      "Edge from Decision: FIRSTNAME is not empty to End: Won (Yes)",
    );
  });
});
