import {
  CURRENT_PROGRAM_SCHEMA_VERSION,
  type DecisionRule,
  type ProgramDocument,
  type ProgramEdge,
  type ProgramNode,
} from "@waymark/domain";
import type { FlowEdge, FlowNode } from "./flow-types";

/**
 * The program node a canvas node shows, keeping only what the document schema allows: React
 * Flow's `selected`, `measured`, `dragging`, `ariaLabel`… are dropped (the schema is strict).
 */
export function fromFlowNode(node: FlowNode): ProgramNode {
  const base = { id: node.id, position: { x: round(node.position.x), y: round(node.position.y) } };
  const named = node.data.name === undefined ? {} : { name: node.data.name };
  switch (node.type) {
    case "start":
      return {
        ...base,
        type: "start",
        data: { ...named, listId: node.data.listId, allowApi: node.data.allowApi },
      };
    case "messenger": {
      const { profileId, tagId, text } = node.data;
      return { ...base, type: "messenger", data: { ...named, profileId, tagId, text } };
    }
    case "wait":
      return {
        ...base,
        type: "wait",
        data: { ...named, amount: node.data.amount, unit: node.data.unit },
      };
    case "decision":
      return { ...base, type: "decision", data: { ...named, rule: copyRule(node.data.rule) } };
    case "update_contact":
      return {
        ...base,
        type: "update_contact",
        data: { ...named, field: node.data.field, value: node.data.value },
      };
    case "end":
      return { ...base, type: "end", data: { ...named, outcome: node.data.outcome } };
  }
}

/** The connection a canvas edge draws; any handle other than Yes/No means the single output. */
export function fromFlowEdge(edge: FlowEdge): ProgramEdge {
  const handle =
    edge.sourceHandle === "yes" || edge.sourceHandle === "no" ? edge.sourceHandle : null;
  return { id: edge.id, source: edge.source, sourceHandle: handle, target: edge.target };
}

/** The canvas as a program document, ready to save or validate. */
export function fromFlow(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): ProgramDocument {
  return {
    schemaVersion: CURRENT_PROGRAM_SCHEMA_VERSION,
    nodes: nodes.map(fromFlowNode),
    edges: edges.map(fromFlowEdge),
  };
}

function copyRule(rule: DecisionRule): DecisionRule {
  return rule.kind === "field"
    ? { kind: "field", field: rule.field, operator: rule.operator, value: rule.value }
    : { kind: "opted_in", profileId: rule.profileId };
}

// Sub-pixel drag positions carry no meaning; whole pixels keep documents tidy and diffs stable.
function round(value: number): number {
  return Math.round(value);
}
