import { DECISION_HANDLES, type DecisionHandle, type NodeType } from "@waymark/domain";
import type { Connection } from "@xyflow/react";
import type { FlowEdge, FlowGraph, FlowNode } from "./flow-types";
import { randomSuffix } from "./new-node";
import { COLUMN_GAP, freePosition, nodeBox, pushDown, ROW_GAP } from "./placement";
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
  return walk(edges, source, "target", "source");
}

/** `id` and every node reachable from it. */
export function descendants(edges: readonly FlowEdge[], id: string): Set<string> {
  return walk(edges, id, "source", "target");
}

/** Every node reached from `start` by following edges from their `from` end to their `to` end. */
function walk(
  edges: readonly FlowEdge[],
  start: string,
  from: "source" | "target",
  to: "source" | "target",
): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge[from]);
    if (list) list.push(edge[to]);
    else next.set(edge[from], [edge[to]]);
  }
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const id of next.get(stack.pop()!) ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(id);
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

/**
 * Removes the selected nodes (with their connections) and the selected connections. A step
 * taken out of a chain closes the gap: what led into it now leads to where it led, when that
 * is one place (a Decision whose Yes and No go different ways leaves its inputs open).
 */
export function deleteSelection(graph: FlowGraph): FlowGraph {
  const removed = new Set(graph.nodes.filter((n) => n.selected).map((n) => n.id));
  const kept = graph.edges.filter(
    (e) => !e.selected && !removed.has(e.source) && !removed.has(e.target),
  );
  const onward = (id: string, seen = new Set<string>()): string | null => {
    if (!removed.has(id)) return id;
    if (seen.has(id)) return null;
    seen.add(id);
    const targets = new Set(
      graph.edges.filter((e) => e.source === id && !e.selected).map((e) => e.target),
    );
    if (targets.size !== 1) return null;
    return onward([...targets][0]!, seen);
  };
  const bridges = graph.edges.flatMap((e) => {
    if (e.selected || removed.has(e.source) || !removed.has(e.target)) return [];
    const target = onward(e.target);
    if (target === null || target === e.source) return [];
    return [
      toFlowEdge({
        id: `edge-${randomSuffix()}`,
        source: e.source,
        sourceHandle: e.sourceHandle,
        target,
      }),
    ];
  });
  return { nodes: graph.nodes.filter((n) => !removed.has(n.id)), edges: [...kept, ...bridges] };
}

/** The outputs of a node of `type`: a Decision's Yes and No, one for most, none for End. */
export function outputsOf(type: NodeType): readonly (DecisionHandle | null)[] {
  if (type === "end") return [];
  return type === "decision" ? DECISION_HANDLES : [null];
}

/** The outputs of `node` that lead nowhere yet, in order (Yes before No). */
export function freeOutputs(graph: FlowGraph, node: FlowNode): (DecisionHandle | null)[] {
  return outputsOf(node.type).filter(
    (h) => !graph.edges.some((e) => e.source === node.id && e.sourceHandle === h),
  );
}

/** Every node's free outputs ("out" for the single one, "yes"/"no"), joined by commas. */
export function freeOutputsByNode(graph: FlowGraph): Map<string, string> {
  const taken = new Set(graph.edges.map((e) => `${e.source}\u0000${e.sourceHandle ?? ""}`));
  const free = new Map<string, string>();
  for (const node of graph.nodes) {
    const open = outputsOf(node.type).filter((h) => !taken.has(`${node.id}\u0000${h ?? ""}`));
    if (open.length > 0) free.set(node.id, open.map((h) => h ?? "out").join(","));
  }
  return free;
}

/** Where a new step goes in: onto an existing connection, or after a node's output. */
export type InsertionPoint =
  | { readonly kind: "edge"; readonly edgeId: string }
  | { readonly kind: "output"; readonly nodeId: string; readonly handle: DecisionHandle | null };

/**
 * Adds `node` after an output or onto a connection, connected on both sides, placed below
 * the step it follows; what comes after moves down to make room, so nothing ends up under
 * another node. The new node is selected, only it. Unknown points add it unconnected.
 */
export function insertNode(graph: FlowGraph, node: FlowNode, at: InsertionPoint): FlowGraph {
  const existing =
    at.kind === "edge"
      ? graph.edges.find((e) => e.id === at.edgeId)
      : graph.edges.find((e) => e.source === at.nodeId && e.sourceHandle === at.handle);
  const sourceId = at.kind === "edge" ? existing?.source : at.nodeId;
  const handle = at.kind === "edge" ? (existing?.sourceHandle ?? null) : at.handle;
  const source = graph.nodes.find((n) => n.id === sourceId);
  if (!source || source.type === "end" || node.type === "start") {
    return placeUnconnected(graph, node);
  }
  const from = nodeBox(source);
  const size = { width: nodeBox(node).width, height: nodeBox(node).height };
  const sideways =
    handle === "yes"
      ? -(size.width + COLUMN_GAP) / 2
      : handle === "no"
        ? (size.width + COLUMN_GAP) / 2
        : 0;
  const desired = { x: from.x + sideways, y: from.y + from.height + ROW_GAP };
  const slot = { x: desired.x, y: desired.y, ...size };
  const target = existing ? graph.nodes.find((n) => n.id === existing.target) : undefined;
  let nodes = deselect(graph.nodes);
  if (target) {
    const room = size.height + ROW_GAP;
    const needed = nodeBox(target).y < slot.y + room;
    if (needed)
      nodes = pushDown(nodes, descendants(graph.edges, target.id), room, new Set([source.id]), [
        slot,
      ]);
  }
  const others = nodes.map(nodeBox);
  const position = freePosition(others, desired, size);
  const placed = { ...node, position, selected: true };
  const edges = graph.edges
    .filter((e) => e !== existing)
    .map((e) => (e.selected ? { ...e, selected: false } : e));
  const added = [
    toFlowEdge({
      id: `edge-${randomSuffix()}`,
      source: source.id,
      sourceHandle: handle,
      target: placed.id,
    }),
  ];
  const onward = outputsOf(placed.type)[0];
  if (target && onward !== undefined) {
    added.push(
      toFlowEdge({
        id: `edge-${randomSuffix()}`,
        source: placed.id,
        sourceHandle: onward,
        target: target.id,
      }),
    );
  }
  return { nodes: [...nodes, placed], edges: [...edges, ...added] };
}

/**
 * Adds `node` as the palette does: after the one selected node when there is exactly one
 * that can lead somewhere (into its first free output, else onto its first connection);
 * otherwise (or when `afterSelection` is false: a node dropped where the user wants it)
 * unconnected at its own position, moved down until it covers no other node.
 */
export function addNode(graph: FlowGraph, node: FlowNode, afterSelection = true): FlowGraph {
  const selected = afterSelection ? graph.nodes.filter((n) => n.selected) : [];
  const only = selected.length === 1 ? selected[0]! : undefined;
  if (only && only.type !== "end" && node.type !== "start") {
    // An End cannot carry on, so it never takes the place of a connection already there.
    const handle =
      freeOutputs(graph, only)[0] ?? (node.type === "end" ? undefined : outputsOf(only.type)[0]);
    if (handle !== undefined)
      return insertNode(graph, node, { kind: "output", nodeId: only.id, handle });
  }
  return placeUnconnected(graph, node);
}

function placeUnconnected(graph: FlowGraph, node: FlowNode): FlowGraph {
  const box = nodeBox(node);
  const position = freePosition(graph.nodes.map(nodeBox), node.position, box);
  return {
    nodes: [...deselect(graph.nodes), { ...node, position, selected: true }],
    edges: graph.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  };
}

function deselect(nodes: readonly FlowNode[]): FlowNode[] {
  return nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
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
