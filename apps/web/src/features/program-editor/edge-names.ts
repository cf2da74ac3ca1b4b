import type { FlowEdge, FlowNode } from "./flow-types";

/** The names an edge's "+" button and accessible name use: its ends' node labels. */
export interface EdgeEnds {
  readonly from: string;
  readonly to: string;
}

const BRANCH = { yes: "Yes", no: "No" } as const;

/** The accessible name of a connection: "Edge from Start: … to Messenger: …" (with its branch). */
export function edgeName(ends: EdgeEnds, handle: FlowEdge["sourceHandle"]): string {
  const branch = handle === null ? "" : ` (${BRANCH[handle]})`;
  return `Edge from ${ends.from} to ${ends.to}${branch}`;
}

/**
 * The edges with their ends' names as accessible name and data. An edge whose name has not
 * changed keeps its object (from `cache`), so React Flow does not draw it again.
 */
export function nameEdges(
  edges: readonly FlowEdge[],
  nodes: readonly FlowNode[],
  cache: WeakMap<FlowEdge, FlowEdge>,
): FlowEdge[] {
  const labels = new Map(nodes.map((n) => [n.id, n.ariaLabel ?? n.type]));
  return edges.map((edge) => {
    const ends = { from: labels.get(edge.source) ?? "", to: labels.get(edge.target) ?? "" };
    const name = edgeName(ends, edge.sourceHandle);
    const cached = cache.get(edge);
    if (cached?.ariaLabel === name) return cached;
    const named = { ...edge, ariaLabel: name, data: { ...edge.data, ...ends } };
    cache.set(edge, named);
    return named;
  });
}
