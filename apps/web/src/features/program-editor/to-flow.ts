import type { ProgramDocument, ProgramEdge, ProgramNode } from "@waymark/domain";
import type { FlowEdge, FlowGraph, FlowNode } from "./flow-types";
import { nodeAriaLabel } from "./node-labels";

/** The canvas node for a program node; data is shared, and every edit replaces it. */
export function toFlowNode(node: ProgramNode): FlowNode {
  return {
    ...node,
    position: { x: node.position.x, y: node.position.y },
    ariaLabel: nodeAriaLabel(node),
  };
}

/**
 * The canvas edge for a connection. Decision outputs are coloured by a class rather than
 * labelled: SVG labels are measured one by one, which slows down large programs.
 */
export function toFlowEdge(edge: ProgramEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    ...(edge.sourceHandle !== null && { className: `edge-${edge.sourceHandle}` }),
  };
}

/** A program document as React Flow nodes and edges (the editor's view model). */
export function toFlow(document: ProgramDocument): FlowGraph {
  return { nodes: document.nodes.map(toFlowNode), edges: document.edges.map(toFlowEdge) };
}
