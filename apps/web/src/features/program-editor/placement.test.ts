import { programDocument, waitNode } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import { freePosition, hasOverlaps, NODE_HEIGHT, overlaps, pushDown } from "./placement";
import { toFlow } from "./to-flow";

const box = (x: number, y: number) => ({ x, y, width: 100, height: 50 });

describe("placement", () => {
  it("counts boxes closer than the clearance as overlapping", () => {
    expect(overlaps(box(0, 0), box(0, 60))).toBe(true);
    expect(overlaps(box(0, 0), box(0, 70))).toBe(false);
    expect(overlaps(box(0, 0), box(120, 0))).toBe(false);
  });

  it("moves a new box below whatever stands where it was wanted", () => {
    const boxes = [box(0, 0), box(0, 70)];
    const at = freePosition(boxes, { x: 10, y: 10 }, { width: 100, height: 50 });
    expect(at).toEqual({ x: 10, y: 136 });
    expect(freePosition(boxes, { x: 300, y: 0 })).toEqual({ x: 300, y: 0 });
  });

  it("pushes down the nodes in the way of the ones it moves", () => {
    const nodes = toFlow(
      programDocument([
        waitNode("a", 1, "days", { x: 0, y: 0 }),
        waitNode("b", 1, "days", { x: 0, y: 100 }),
        waitNode("c", 1, "days", { x: 0, y: 200 }),
        waitNode("far", 1, "days", { x: 600, y: 100 }),
      ]),
    ).nodes;
    const moved = pushDown(nodes, new Set(["b"]), NODE_HEIGHT + 40);
    expect(moved.map((n) => n.position.y)).toEqual([0, 212, 312, 100]);
    expect(hasOverlaps(moved)).toBe(false);
    expect(hasOverlaps(nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })))).toBe(true);
  });
});
