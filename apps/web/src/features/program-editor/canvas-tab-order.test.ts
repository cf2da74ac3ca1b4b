import { describe, expect, it } from "vitest";
import { type CanvasPart, orderCanvas } from "./canvas-tab-order";

describe("orderCanvas", () => {
  it("visits nodes (with their buttons), then edges (each with its +), then the rest", () => {
    const parts: Record<string, CanvasPart> = {
      "edge a": { group: "edge", owner: "a" },
      "edge b": { group: "edge", owner: "b" },
      "+ a": { group: "edge", owner: "a" },
      "+ b": { group: "edge", owner: "b" },
      "node 1": { group: "node", owner: "1" },
      "node 1 count": { group: "node", owner: "1" },
      "node 2": { group: "node", owner: "2" },
      "zoom in": { group: "other", owner: "" },
    };
    const dom = ["edge a", "edge b", "+ a", "+ b", "node 1", "node 1 count", "node 2", "zoom in"];
    expect(orderCanvas(dom, (item) => parts[item]!)).toEqual([
      "node 1",
      "node 1 count",
      "node 2",
      "edge a",
      "+ a",
      "edge b",
      "+ b",
      "zoom in",
    ]);
  });
});
