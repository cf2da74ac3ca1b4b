import { NODE_TYPE_LABELS } from "../node-types";
import type { ProgramEdge } from "../program-edge";
import type { ProgramNode } from "../program-node";
import type { ProgramIssue } from "./program-issue";

/** The connections that passed the checks, by source node id, plus the problems found. */
export interface ConnectionCheck {
  readonly issues: ProgramIssue[];
  readonly outgoing: ReadonlyMap<string, readonly ProgramEdge[]>;
}

/**
 * Checks every connection (known ends, right handle, no duplicates, nothing out of End or
 * into Start) and that every node's outputs are connected exactly once.
 */
export function checkConnections(
  nodes: ReadonlyMap<string, ProgramNode>,
  edges: readonly ProgramEdge[],
): ConnectionCheck {
  const issues: ProgramIssue[] = [];
  const outgoing = new Map<string, ProgramEdge[]>();
  const seenIds = new Set<string>();
  const seenLinks = new Set<string>();

  for (const edge of edges) {
    if (seenIds.has(edge.id)) {
      issues.push({
        code: "duplicate_edge_id",
        edgeId: edge.id,
        message: `Two connections share the id '${edge.id}'; connection ids must be unique`,
      });
      continue;
    }
    seenIds.add(edge.id);
    const issue = checkEdge(edge, nodes, seenLinks);
    if (issue) {
      issues.push(issue);
      continue;
    }
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  }

  for (const node of nodes.values()) {
    issues.push(...checkOutputs(node, outgoing.get(node.id) ?? []));
  }
  return { issues, outgoing };
}

function checkEdge(
  edge: ProgramEdge,
  nodes: ReadonlyMap<string, ProgramNode>,
  seenLinks: Set<string>,
): ProgramIssue | undefined {
  const source = nodes.get(edge.source);
  const target = nodes.get(edge.target);
  if (!source) {
    return {
      code: "edge_unknown_source",
      edgeId: edge.id,
      message: `A connection starts at a node that does not exist ('${edge.source}'); delete it`,
    };
  }
  if (!target) {
    return {
      code: "edge_unknown_target",
      edgeId: edge.id,
      nodeId: source.id,
      message: `A connection from this ${NODE_TYPE_LABELS[source.type]} node leads to a node that does not exist ('${edge.target}'); delete it`,
    };
  }
  if (source.type === "end") {
    return {
      code: "end_has_outputs",
      edgeId: edge.id,
      nodeId: source.id,
      message: "An End node has no outputs; remove the connection leaving it",
    };
  }
  if (target.type === "start") {
    return {
      code: "start_has_inputs",
      edgeId: edge.id,
      nodeId: target.id,
      message: "Nothing can connect into the Start node; remove this connection",
    };
  }
  if (source.type === "decision" && edge.sourceHandle === null) {
    return {
      code: "edge_invalid_handle",
      edgeId: edge.id,
      nodeId: source.id,
      message: "Connect from the Yes or the No output of this Decision node",
    };
  }
  if (source.type !== "decision" && edge.sourceHandle !== null) {
    return {
      code: "edge_invalid_handle",
      edgeId: edge.id,
      nodeId: source.id,
      message: `Only Decision nodes have Yes and No outputs; reconnect this ${NODE_TYPE_LABELS[source.type]} node from its single output`,
    };
  }
  const link = `${edge.source}\u0000${edge.sourceHandle ?? ""}\u0000${edge.target}`;
  if (seenLinks.has(link)) {
    return {
      code: "duplicate_edge",
      edgeId: edge.id,
      nodeId: source.id,
      message: "This connection duplicates another one between the same nodes; delete it",
    };
  }
  seenLinks.add(link);
  return undefined;
}

function checkOutputs(node: ProgramNode, edges: readonly ProgramEdge[]): ProgramIssue[] {
  if (node.type === "end") return [];
  const label = NODE_TYPE_LABELS[node.type];
  if (node.type !== "decision") {
    if (edges.length === 0) {
      return [
        {
          code: "missing_output",
          nodeId: node.id,
          message: `Connect the output of this ${label} node to the next step`,
        },
      ];
    }
    if (edges.length > 1) {
      return [
        {
          code: "too_many_outputs",
          nodeId: node.id,
          message: `This ${label} node has ${edges.length} outgoing connections; keep exactly one (use a Decision node to branch)`,
        },
      ];
    }
    return [];
  }
  const issues: ProgramIssue[] = [];
  for (const [handle, name] of [
    ["yes", "Yes"],
    ["no", "No"],
  ] as const) {
    const count = edges.filter((edge) => edge.sourceHandle === handle).length;
    if (count === 0) {
      issues.push({
        code: "missing_output",
        nodeId: node.id,
        message: `Connect the ${name} output of this Decision node`,
      });
    } else if (count > 1) {
      issues.push({
        code: "too_many_outputs",
        nodeId: node.id,
        message: `The ${name} output of this Decision node has ${count} connections; keep exactly one`,
      });
    }
  }
  return issues;
}
