import type { FlowNode } from "./flow-types";

/** A node's width on the canvas (fixed by `.program-node`). */
export const NODE_WIDTH = 220;
/** A node's height until React Flow has measured it (a one-line node with its header). */
export const NODE_HEIGHT = 72;
/** The space between a step and the next one below it: room for the edge and its "+" button. */
export const ROW_GAP = 64;
/** The space between side-by-side nodes (a Decision's Yes and No branches). */
export const COLUMN_GAP = 40;
/** The smallest space kept between two nodes so neither hides the other's handles. */
export const CLEARANCE = 16;

/** A node's rectangle on the canvas, in canvas units. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where `node` sits and how big it is (measured, or the default size before measuring). */
export function nodeBox(node: FlowNode): Box {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? NODE_WIDTH,
    height: node.measured?.height ?? NODE_HEIGHT,
  };
}

/** True when two boxes come closer than `clearance` (touching counts as too close). */
export function overlaps(a: Box, b: Box, clearance = CLEARANCE): boolean {
  return (
    a.x < b.x + b.width + clearance &&
    b.x < a.x + a.width + clearance &&
    a.y < b.y + b.height + clearance &&
    b.y < a.y + a.height + clearance
  );
}

/**
 * The place nearest below `desired` where a box of `size` overlaps none of `boxes`: each box
 * in the way pushes it just below itself, so it ends under whatever stood there.
 */
export function freePosition(
  boxes: readonly Box[],
  desired: { x: number; y: number },
  size: { width: number; height: number } = { width: NODE_WIDTH, height: NODE_HEIGHT },
): { x: number; y: number } {
  let y = desired.y;
  for (;;) {
    const box = { x: desired.x, y, width: size.width, height: size.height };
    const blocker = boxes.find((b) => overlaps(box, b));
    if (!blocker) return { x: Math.round(desired.x), y: Math.round(y) };
    y = blocker.y + blocker.height + CLEARANCE;
  }
}

/**
 * Moves `start` and whatever stands in its way down by `by`: every node shifted pushes down
 * the nodes it would then overlap, so making room below an insertion never piles nodes up.
 * `keep` (the node being inserted after) never moves.
 */
export function pushDown(
  nodes: readonly FlowNode[],
  start: ReadonlySet<string>,
  by: number,
  keep: ReadonlySet<string> = new Set(),
  blockers: readonly Box[] = [],
): FlowNode[] {
  const moved = new Set([...start].filter((id) => !keep.has(id)));
  const boxOf = (node: FlowNode) => {
    const box = nodeBox(node);
    return moved.has(node.id) ? { ...box, y: box.y + by } : box;
  };
  let grew = true;
  while (grew) {
    grew = false;
    const shifted = [...nodes.filter((n) => moved.has(n.id)).map(boxOf), ...blockers];
    for (const node of nodes) {
      if (moved.has(node.id) || keep.has(node.id)) continue;
      const box = nodeBox(node);
      if (shifted.some((s) => overlaps(s, box))) {
        moved.add(node.id);
        grew = true;
      }
    }
  }
  return nodes.map((n) =>
    moved.has(n.id) ? { ...n, position: { x: n.position.x, y: n.position.y + by } } : n,
  );
}

/** True when any two nodes overlap (a program made elsewhere with every node at 0,0). */
export function hasOverlaps(nodes: readonly FlowNode[]): boolean {
  const boxes = nodes.map(nodeBox);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlaps(boxes[i]!, boxes[j]!, 0)) return true;
    }
  }
  return false;
}
