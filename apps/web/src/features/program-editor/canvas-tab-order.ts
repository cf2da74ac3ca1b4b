import { type RefObject, useEffect } from "react";
import { type FocusableElement, tabbable } from "tabbable";

/** Which part of the canvas a focusable element belongs to, and which node or edge owns it. */
export interface CanvasPart {
  readonly group: "node" | "edge" | "other";
  readonly owner: string;
}

const GROUPS = ["node", "edge", "other"] as const;

/**
 * The canvas's focusable elements in the order Tab should visit them: every node (each with
 * the buttons inside it), then every edge (each followed by its "+"), then the rest (zoom
 * controls). Within a group the document order is kept.
 */
export function orderCanvas<T>(items: readonly T[], partOf: (item: T) => CanvasPart): T[] {
  const owners = new Map<string, T[]>();
  const byGroup = { node: [] as T[][], edge: [] as T[][], other: [] as T[][] };
  for (const item of items) {
    const { group, owner } = partOf(item);
    const key = `${group}\u0000${owner}`;
    let list = owners.get(key);
    if (!list) {
      list = [];
      owners.set(key, list);
      byGroup[group].push(list);
    }
    list.push(item);
  }
  return GROUPS.flatMap((g) => byGroup[g].flat());
}

function partOf(element: FocusableElement): CanvasPart {
  const node = element.closest<HTMLElement>(".react-flow__node");
  if (node) return { group: "node", owner: node.dataset.id ?? "" };
  const edge = element.closest<SVGElement>(".react-flow__edge");
  if (edge) return { group: "edge", owner: edge.dataset.id ?? "" };
  const edgeId = element.dataset.edgeId;
  if (edgeId) return { group: "edge", owner: edgeId };
  return { group: "other", owner: "" };
}

/**
 * Tab and Shift+Tab move through the canvas in `orderCanvas`'s order instead of the
 * document's (React Flow puts every edge before every node), and on to what surrounds it.
 */
export function useCanvasTabOrder(canvas: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Tab" || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const area = canvas.current;
      const active = document.activeElement;
      if (!area || !(active instanceof HTMLElement || active instanceof SVGElement)) return;
      const all = tabbable(document.body);
      const inside = all.filter((el) => area.contains(el));
      if (inside.length === 0) return;
      const first = all.indexOf(inside[0]!);
      const order = [
        ...all.slice(0, first),
        ...orderCanvas(inside, partOf),
        ...all.slice(first + inside.length),
      ];
      const step = e.shiftKey ? -1 : 1;
      const at = order.indexOf(active);
      if (at === -1) return;
      const next = order[at + step];
      if (!next || next === all[all.indexOf(active) + step]) return;
      e.preventDefault();
      next.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [canvas]);
}
