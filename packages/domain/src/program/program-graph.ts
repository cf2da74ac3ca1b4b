import type { ProgramDocument } from "./program-document";
import type { DecisionHandle } from "./program-edge";
import type { ProgramNode } from "./program-node";

/** A program indexed for stepping: nodes by id and each output's target. */
export interface ProgramGraph {
  readonly nodes: ReadonlyMap<string, ProgramNode>;
  /** The node an output leads to; `null` is the single output of non-Decision nodes. */
  next(nodeId: string, handle: DecisionHandle | null): ProgramNode | undefined;
}

const graphs = new WeakMap<ProgramDocument, ProgramGraph>();

/**
 * Indexes a program for the engine, once per document object (memoised), so stepping a million
 * contacts does not rescan the edges. The first matching connection wins in invalid programs.
 */
export function indexProgram(document: ProgramDocument): ProgramGraph {
  const cached = graphs.get(document);
  if (cached) return cached;
  const nodes = new Map<string, ProgramNode>();
  for (const node of document.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const targets = new Map<string, string>();
  for (const edge of document.edges) {
    const key = outputKey(edge.source, edge.sourceHandle);
    if (!targets.has(key) && nodes.has(edge.target)) targets.set(key, edge.target);
  }
  const graph: ProgramGraph = {
    nodes,
    next(nodeId, handle) {
      const target = targets.get(outputKey(nodeId, handle));
      return target === undefined ? undefined : nodes.get(target);
    },
  };
  graphs.set(document, graph);
  return graph;
}

function outputKey(nodeId: string, handle: DecisionHandle | null): string {
  return `${nodeId}\u0000${handle ?? ""}`;
}
