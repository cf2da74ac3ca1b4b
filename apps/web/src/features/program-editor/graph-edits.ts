import type { Connection } from "@xyflow/react";
import type { FlowEdge, FlowGraph, FlowNode } from "./flow-types";
import { randomSuffix } from "./new-node";
import { toFlowEdge } from "./to-flow";

/** True when a connection from `source` to `target` would close a loop (programs cannot loop). */
export function wouldCreateCycle(
  edges: readonly FlowEdge[],
  source: string,
  target: string,
): boolean {
  if (source === target) return true;
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge.target);
    outgoing.set(edge.source, list);
  }
  const seen = new Set<string>([target]);
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const next of outgoing.get(id) ?? []) {
      if (next === source) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/**
 * The nodes a connection from `source` cannot lead to without closing a loop: `source` itself
 * and every node from which it can be reached. One pass over the edges, for a whole list of
 * candidate targets (`wouldCreateCycle(edges, source, t)` is `nodesReaching(edges, source).has(t)`).
 */
export function nodesReaching(edges: readonly FlowEdge[], source: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    const list = incoming.get(edge.target);
    if (list) list.push(edge.source);
    else incoming.set(edge.target, [edge.source]);
  }
  const seen = new Set<string>([source]);
  const stack = [source];
  while (stack.length > 0) {
    for (const previous of incoming.get(stack.pop()!) ?? []) {
      if (!seen.has(previous)) {
        seen.add(previous);
        stack.push(previous);
      }
    }
  }
  return seen;
}

/** Why a connection is refused, or null when the canvas may draw it. */
export function connectionProblem(graph: FlowGraph, connection: Connection): string | null {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return "Connect two nodes of this program";
  if (source.type === "end") return "An End node has no output";
  if (target.type === "start") return "Nothing can connect into the Start node";
  if (wouldCreateCycle(graph.edges, source.id, target.id)) {
    return "Programs cannot loop: connect onwards to a later step";
  }
  return null;
}

/**
 * Adds a connection; an output leads to one next step, so a connection already leaving the same
 * output is replaced.
 */
export function connect(graph: FlowGraph, connection: Connection): FlowGraph {
  const handle =
    connection.sourceHandle === "yes" || connection.sourceHandle === "no"
      ? connection.sourceHandle
      : null;
  const edges = graph.edges.filter(
    (e) => !(e.source === connection.source && e.sourceHandle === handle),
  );
  const edge = toFlowEdge({
    id: `edge-${randomSuffix()}`,
    source: connection.source,
    sourceHandle: handle,
    target: connection.target,
  });
  return { nodes: graph.nodes, edges: [...edges, edge] };
}

/** Removes the connection leaving one output (`handle` null for the single output). */
export function disconnect(graph: FlowGraph, source: string, handle: string | null): FlowGraph {
  return {
    nodes: graph.nodes,
    edges: graph.edges.filter((e) => !(e.source === source && e.sourceHandle === handle)),
  };
}

/** Removes the selected nodes (with their connections) and the selected connections. */
export function deleteSelection(graph: FlowGraph): FlowGraph {
  const removed = new Set(graph.nodes.filter((n) => n.selected).map((n) => n.id));
  return {
    nodes: graph.nodes.filter((n) => !removed.has(n.id)),
    edges: graph.edges.filter(
      (e) => !e.selected && !removed.has(e.source) && !removed.has(e.target),
    ),
  };
}

/** True when something is selected that Delete would remove. */
export function hasSelection(graph: FlowGraph): boolean {
  return graph.nodes.some((n) => n.selected) || graph.edges.some((e) => e.selected);
}

/** Selects exactly the nodes in `ids` (and no connection). */
export function selectOnly(graph: FlowGraph, ids: ReadonlySet<string>): FlowGraph {
  return {
    nodes: graph.nodes.map((n) =>
      Boolean(n.selected) === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) },
    ),
    edges: graph.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  };
}

/** Replaces one node through `update`, keeping its accessible name in step with its data. */
export function updateNode(
  graph: FlowGraph,
  id: string,
  update: (node: FlowNode) => FlowNode,
  label: (node: FlowNode) => string,
): FlowGraph {
  return {
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const next = update(n);
      return next === n ? n : { ...next, ariaLabel: label(next) };
    }),
    edges: graph.edges,
  };
}
