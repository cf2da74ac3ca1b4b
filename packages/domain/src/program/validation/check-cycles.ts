import { NODE_TYPE_LABELS } from "../node-types";
import type { ProgramEdge } from "../program-edge";
import type { ProgramNode } from "../program-node";
import type { ProgramIssue } from "./program-issue";

const ON_PATH = 1;
const DONE = 2;

/** Reports each connection that closes a loop (iterative depth-first search, no recursion). */
export function checkCycles(
  nodes: ReadonlyMap<string, ProgramNode>,
  outgoing: ReadonlyMap<string, readonly ProgramEdge[]>,
): ProgramIssue[] {
  const issues: ProgramIssue[] = [];
  const state = new Map<string, number>();
  for (const root of nodes.keys()) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, ON_PATH);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const edge = outgoing.get(frame.id)?.[frame.next];
      if (!edge) {
        state.set(frame.id, DONE);
        stack.pop();
        continue;
      }
      frame.next++;
      const seen = state.get(edge.target);
      if (seen === ON_PATH) {
        issues.push(loopIssue(edge, nodes));
      } else if (seen === undefined) {
        state.set(edge.target, ON_PATH);
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return issues;
}

function loopIssue(edge: ProgramEdge, nodes: ReadonlyMap<string, ProgramNode>): ProgramIssue {
  const from = nodes.get(edge.source);
  const to = nodes.get(edge.target);
  const fromLabel = from ? NODE_TYPE_LABELS[from.type] : "a";
  const toLabel = to ? NODE_TYPE_LABELS[to.type] : "an earlier";
  const message =
    edge.source === edge.target
      ? `This ${fromLabel} node connects to itself; programs cannot loop, so connect it onwards`
      : `The connection from this ${fromLabel} node back to the ${toLabel} node makes a loop; programs cannot loop, so remove it or connect onwards`;
  return { code: "cycle", nodeId: edge.source, edgeId: edge.id, message };
}
