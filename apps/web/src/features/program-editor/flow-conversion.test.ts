import { programDocumentSchema } from "@waymark/domain";
import { SAMPLE_PROGRAM } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import type { FlowEdge, FlowNode } from "./flow-types";
import { fromFlow, fromFlowEdge, fromFlowNode } from "./from-flow";
import { toFlow, toFlowEdge, toFlowNode } from "./to-flow";

describe("toFlow / fromFlow", () => {
  it("round-trips every node type and connection unchanged", () => {
    const { nodes, edges } = toFlow(SAMPLE_PROGRAM);
    expect(fromFlow(nodes, edges)).toEqual(SAMPLE_PROGRAM);
  });

  it("names nodes for assistive technology and marks Decision outputs", () => {
    const { nodes, edges } = toFlow(SAMPLE_PROGRAM);
    expect(nodes.find((n) => n.id === "welcome")?.ariaLabel).toBe(
      "Messenger: Hi @FIRSTNAME@, welcome to the shop!",
    );
    expect(nodes.find((n) => n.id === "wait-1-day")?.ariaLabel).toBe("Wait: 1 day");
    expect(edges.find((e) => e.sourceHandle === "yes")?.className).toBe("edge-yes");
    expect(edges.find((e) => e.sourceHandle === null)?.className).toBeUndefined();
  });

  it("strips React Flow's view state so the strict document schema accepts the result", () => {
    const node: FlowNode = {
      ...toFlowNode(SAMPLE_PROGRAM.nodes[2]!),
      selected: true,
      dragging: false,
      measured: { width: 220, height: 64 },
      width: 220,
      zIndex: 1000,
      position: { x: 10.4, y: -3.6 },
    };
    expect(fromFlowNode(node)).toEqual({
      id: "wait-1-day",
      type: "wait",
      position: { x: 10, y: -4 },
      data: { name: "Wait 1", amount: 1, unit: "days" },
    });
    const edge: FlowEdge = {
      ...toFlowEdge(SAMPLE_PROGRAM.edges[3]!),
      selected: true,
      animated: true,
    };
    expect(fromFlowEdge(edge)).toEqual(SAMPLE_PROGRAM.edges[3]);
    const doc = fromFlow([node], [edge]);
    expect(programDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it("treats any handle but yes/no as the single output", () => {
    const edge: FlowEdge = { id: "e", source: "a", target: "b", sourceHandle: null };
    expect(fromFlowEdge({ ...edge, sourceHandle: null }).sourceHandle).toBeNull();
  });

  it("copies rule objects, so editing the canvas never mutates the loaded document", () => {
    const { nodes } = toFlow(SAMPLE_PROGRAM);
    const decision = fromFlow(nodes, []).nodes.find((n) => n.type === "decision");
    const original = SAMPLE_PROGRAM.nodes.find((n) => n.type === "decision");
    expect(decision).toEqual(original);
    expect(decision?.type === "decision" && decision.data.rule).not.toBe(
      original?.type === "decision" && original.data.rule,
    );
  });
});
