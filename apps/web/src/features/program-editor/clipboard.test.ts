import { edge, endNode, messengerNode, programDocument, startNode } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import {
  CLIPBOARD_KEY,
  copySelection,
  pasteClipboard,
  readClipboard,
  writeClipboard,
} from "./clipboard";
import { fromFlow } from "./from-flow";
import { hasOverlaps } from "./placement";
import { toFlow } from "./to-flow";

const graph = toFlow(
  programDocument(
    [
      startNode("s"),
      messengerNode("m", {}, { x: 0, y: 100 }),
      endNode("e", "Done", { x: 0, y: 200 }),
    ],
    [edge("s", "m"), edge("m", "e")],
  ),
);
const select = (ids: string[]) => ({
  nodes: graph.nodes.map((n) => ({ ...n, selected: ids.includes(n.id) })),
  edges: graph.edges,
});

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => items.delete(k),
    setItem: (k, v) => items.set(k, v),
  };
}

describe("copy and paste", () => {
  it("copies the selected nodes with only the connections between them", () => {
    const content = copySelection(select(["m", "e"]));
    expect(content?.nodes.map((n) => n.id)).toEqual(["m", "e"]);
    expect(content?.edges.map((e) => [e.source, e.target])).toEqual([["m", "e"]]);
    expect(copySelection(select([]))).toBeNull();
  });

  it("pastes copies with fresh ids, shifted, connected among themselves and selected", () => {
    const content = copySelection(select(["m", "e"]))!;
    const next = pasteClipboard(select(["m", "e"]), content);
    expect(next.nodes).toHaveLength(5);
    const pasted = next.nodes.slice(3);
    expect(pasted.every((n) => n.selected)).toBe(true);
    expect(next.nodes.slice(0, 3).some((n) => n.selected)).toBe(false);
    expect(pasted.map((n) => n.id)).not.toContain("m");
    // Shifted right, then down as one block until it covers none of the originals.
    expect(pasted[0]?.position.x).toBe(40);
    expect(pasted[1]!.position.y - pasted[0]!.position.y).toBe(100);
    expect(hasOverlaps(next.nodes)).toBe(false);
    // The copy is named after the original's type, as "Messenger 1" is taken.
    expect(pasted[0]?.data).toEqual({ ...graph.nodes[1]?.data, name: "Messenger 2" });
    const newEdge = next.edges.at(-1)!;
    expect([newEdge.source, newEdge.target]).toEqual([pasted[0]?.id, pasted[1]?.id]);
    const doc = fromFlow(next.nodes, next.edges);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(5);
    expect(new Set(doc.edges.map((e) => e.id)).size).toBe(3);
  });

  it("keeps copies in storage for other programs, and ignores anything that is not a copy", () => {
    const storage = memoryStorage();
    expect(readClipboard(storage)).toBeNull();
    const content = copySelection(select(["m"]))!;
    writeClipboard(content, storage);
    expect(readClipboard(storage)).toEqual(content);
    storage.setItem(CLIPBOARD_KEY, "{not json");
    expect(readClipboard(storage)).toBeNull();
    storage.setItem(
      CLIPBOARD_KEY,
      JSON.stringify({ schemaVersion: 1, nodes: [{ id: "x", type: "boom" }], edges: [] }),
    );
    expect(readClipboard(storage)).toBeNull();
  });
});
