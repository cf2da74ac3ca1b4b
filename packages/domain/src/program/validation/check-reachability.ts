import { NODE_TYPE_LABELS } from "../node-types";
import type { ProgramEdge } from "../program-edge";
import type { ProgramNode } from "../program-node";
import type { ProgramIssue } from "./program-issue";

/** Reports every node that no path from a Start node reaches. */
export function checkReachability(
  nodes: ReadonlyMap<string, ProgramNode>,
  outgoing: ReadonlyMap<string, readonly ProgramEdge[]>,
): ProgramIssue[] {
  const starts = [...nodes.values()].filter((node) => node.type === "start");
  if (starts.length === 0) return [];
  const reached = new Set(starts.map((node) => node.id));
  const queue = starts.map((node) => node.id);
  for (let i = 0; i < queue.length; i++) {
    for (const edge of outgoing.get(queue[i] ?? "") ?? []) {
      if (!reached.has(edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  const issues: ProgramIssue[] = [];
  for (const node of nodes.values()) {
    if (!reached.has(node.id)) {
      issues.push({
        code: "unreachable_node",
        nodeId: node.id,
        message: `This ${NODE_TYPE_LABELS[node.type]} node cannot be reached from Start; connect it or delete it`,
      });
    }
  }
  return issues;
}
