import dagre from "@dagrejs/dagre";
import type { FlowGraph } from "./flow-types";
import { COLUMN_GAP, nodeBox, ROW_GAP } from "./placement";

/**
 * The program laid out top to bottom by dagre: each step below the one before it, branches
 * side by side, nothing overlapping. The drawing keeps its top-left corner, so the view does
 * not jump. Selection and everything but positions are kept.
 */
export function tidyLayout(graph: FlowGraph): FlowGraph {
  if (graph.nodes.length === 0) return graph;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: COLUMN_GAP, ranksep: ROW_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const boxes = new Map(graph.nodes.map((n) => [n.id, nodeBox(n)]));
  for (const node of graph.nodes) {
    const box = boxes.get(node.id)!;
    g.setNode(node.id, { width: box.width, height: box.height });
  }
  const edges = graph.edges.filter((e) => boxes.has(e.source) && boxes.has(e.target));
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  // A Decision's Yes branch on its left and No on its right, as its handles are.
  const constraints = graph.nodes.flatMap((n) => {
    const yes = edges.find((e) => e.source === n.id && e.sourceHandle === "yes")?.target;
    const no = edges.find((e) => e.source === n.id && e.sourceHandle === "no")?.target;
    return yes && no && yes !== no ? [{ left: yes, right: no }] : [];
  });
  dagre.layout(g, { constraints });

  const origin = {
    x: Math.min(...graph.nodes.map((n) => n.position.x)),
    y: Math.min(...graph.nodes.map((n) => n.position.y)),
  };
  const laid = graph.nodes.map((n) => {
    const { x, y } = g.node(n.id);
    const box = boxes.get(n.id)!;
    return { id: n.id, x: x - box.width / 2, y: y - box.height / 2 };
  });
  const shift = {
    x: origin.x - Math.min(...laid.map((p) => p.x)),
    y: origin.y - Math.min(...laid.map((p) => p.y)),
  };
  return {
    nodes: graph.nodes.map((n, i) => ({
      ...n,
      position: { x: Math.round(laid[i]!.x + shift.x), y: Math.round(laid[i]!.y + shift.y) },
    })),
    edges: graph.edges,
  };
}
