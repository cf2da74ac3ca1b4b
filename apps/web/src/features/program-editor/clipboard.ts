import {
  defaultNodeName,
  type ProgramEdge,
  type ProgramNode,
  parseProgramDocument,
} from "@waymark/domain";
import type { FlowGraph, FlowNode } from "./flow-types";
import { fromFlowEdge, fromFlowNode } from "./from-flow";
import { namesOf, newNodeId, randomSuffix } from "./new-node";
import { type Box, CLEARANCE, nodeBox, overlaps } from "./placement";
import { toFlowEdge, toFlowNode } from "./to-flow";

/** Copied nodes and the connections between them, in document form. */
export interface ClipboardContent {
  readonly nodes: readonly ProgramNode[];
  readonly edges: readonly ProgramEdge[];
}

/** Where copies live, so they can be pasted into another program or another tab. */
export const CLIPBOARD_KEY = "waymark:program-clipboard";
const PASTE_OFFSET = 40;

/** The selected nodes and the connections among them; null when nothing is selected. */
export function copySelection(graph: FlowGraph): ClipboardContent | null {
  const nodes = graph.nodes.filter((n) => n.selected);
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { nodes: nodes.map(fromFlowNode), edges: edges.map(fromFlowEdge) };
}

/**
 * Adds copies of the clipboard's nodes with fresh ids, shifted so they do not hide the
 * originals, and selects them (only them), so they can be moved or deleted at once.
 */
export function pasteClipboard(
  graph: FlowGraph,
  content: ClipboardContent,
  offset = PASTE_OFFSET,
): FlowGraph {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const ids = new Map<string, string>();
  for (const node of content.nodes) {
    const id = newNodeId(node.type, taken);
    taken.add(id);
    ids.set(node.id, id);
  }
  // A copy keeps its name unless a node already goes by it: then it gets the next "Wait N".
  const names = namesOf(graph.nodes);
  const shifted = content.nodes.map((node) => {
    const own = node.data.name?.trim();
    const name = own && !names.has(own) ? own : defaultNodeName(node.type, names);
    names.add(name);
    return {
      ...toFlowNode({
        ...node,
        id: ids.get(node.id)!,
        position: { x: node.position.x + offset, y: node.position.y + offset },
        data: { ...node.data, name },
      } as ProgramNode),
      selected: true,
    };
  });
  const pasted = clearOf(graph.nodes.map(nodeBox), shifted);
  const edges = content.edges.flatMap((edge) => {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    if (source === undefined || target === undefined) return [];
    return [toFlowEdge({ ...edge, id: `edge-${randomSuffix()}`, source, target })];
  });
  return {
    nodes: [...graph.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
    edges: [...graph.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
  };
}

/** The pasted block moved down, as one piece, until none of its nodes covers another node. */
function clearOf(boxes: readonly Box[], block: FlowNode[]): FlowNode[] {
  let dy = 0;
  for (;;) {
    let needed = dy;
    for (const node of block) {
      const box = { ...nodeBox(node), y: node.position.y + dy };
      for (const other of boxes) {
        if (overlaps(box, other)) {
          needed = Math.max(needed, dy + other.y + other.height + CLEARANCE - box.y);
        }
      }
    }
    if (needed === dy) break;
    dy = needed;
  }
  return dy === 0
    ? block
    : block.map((n) => ({ ...n, position: { x: n.position.x, y: n.position.y + dy } }));
}

/** Stores copied nodes for pasting anywhere in this browser. */
export function writeClipboard(content: ClipboardContent, storage: Storage = localStorage): void {
  storage.setItem(CLIPBOARD_KEY, JSON.stringify({ schemaVersion: 1, ...content }));
}

/** The copied nodes, checked like any document (a tampered or outdated copy is ignored). */
export function readClipboard(storage: Storage = localStorage): ClipboardContent | null {
  const raw = storage.getItem(CLIPBOARD_KEY);
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = parseProgramDocument(value);
  if (!parsed.ok || parsed.document.nodes.length === 0) return null;
  return { nodes: parsed.document.nodes, edges: parsed.document.edges };
}
