import {
  decisionNode,
  edge,
  endNode,
  programDocument,
  startNode,
  waitNode,
} from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import { hasOverlaps } from "./placement";
import { tidyLayout } from "./tidy-layout";
import { toFlow } from "./to-flow";

const rule = { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } as const;

describe("tidyLayout", () => {
  it("lays a program out top to bottom, Yes on the left, nothing overlapping, from its old corner", () => {
    const stacked = toFlow(
      programDocument(
        [
          startNode("s", {}, { x: 300, y: 50 }),
          decisionNode("d", rule, { x: 300, y: 50 }),
          waitNode("yes", 1, "days", { x: 300, y: 50 }),
          endNode("no", "No", { x: 300, y: 50 }),
          endNode("done", "Done", { x: 300, y: 50 }),
        ],
        [edge("s", "d"), edge("d", "no", "no"), edge("d", "yes", "yes"), edge("yes", "done")],
      ),
    );
    const tidy = tidyLayout(stacked);
    const at = (id: string) => tidy.nodes.find((n) => n.id === id)!.position;
    expect(hasOverlaps(tidy.nodes)).toBe(false);
    expect(at("s").y).toBeLessThan(at("d").y);
    expect(at("d").y).toBeLessThan(at("yes").y);
    expect(at("yes").y).toBeLessThan(at("done").y);
    expect(at("yes").x).toBeLessThan(at("no").x);
    expect(Math.min(...tidy.nodes.map((n) => n.position.x))).toBe(300);
    expect(Math.min(...tidy.nodes.map((n) => n.position.y))).toBe(50);
    expect(tidy.edges).toBe(stacked.edges);
  });

  it("leaves an empty canvas alone", () => {
    const empty = { nodes: [], edges: [] };
    expect(tidyLayout(empty)).toBe(empty);
  });
});
