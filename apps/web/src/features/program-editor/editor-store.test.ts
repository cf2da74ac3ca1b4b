import { edge, endNode, programDocument, startNode } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import { createEditorStore } from "./editor-store";
import { COALESCE_MS, HISTORY_LIMIT, record, redo, startHistory, undo } from "./history";
import { hasOverlaps } from "./placement";

const doc = programDocument(
  [startNode("s"), endNode("e", "Done", { x: 0, y: 200 })],
  [edge("s", "e")],
);

function storeAt(time = { now: 0 }) {
  return { store: createEditorStore(doc, () => time.now), time };
}
const ids = (store: ReturnType<typeof createEditorStore>) =>
  store.getState().history.present.nodes.map((n) => n.id);

describe("history", () => {
  it("undoes and redoes, and a new edit clears redo", () => {
    let h = record(record(startHistory(0), 1), 2);
    h = undo(h);
    expect(h.present).toBe(1);
    h = redo(h);
    expect(h.present).toBe(2);
    h = record(undo(h), 5);
    expect(h.future).toEqual([]);
    expect(undo(startHistory(0))).toEqual(startHistory(0));
  });

  it("merges a burst of edits with the same key, but not slower ones or other keys", () => {
    let h = startHistory("");
    h = record(h, "H", { key: "text", now: 0 });
    h = record(h, "Hi", { key: "text", now: 300 });
    expect(h.past).toEqual([""]);
    h = record(h, "Hi!", { key: "text", now: 300 + COALESCE_MS });
    h = record(h, "Hi!?", { key: "other", now: 300 + COALESCE_MS });
    expect(h.past).toEqual(["", "Hi", "Hi!"]);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });
});

describe("editor store", () => {
  it("makes adding, connecting, editing and deleting undoable, and tracks unsaved changes", () => {
    const { store } = storeAt();
    expect(store.getState().dirty).toBe(false);
    const id = store.addNode("wait", { x: 0, y: 100 });
    expect(ids(store)).toEqual(["s", "e", id]);
    store.connect({ source: id, target: "e", sourceHandle: null, targetHandle: null });
    store.updateNode(id, (n) => (n.type === "wait" ? { ...n, data: { ...n.data, amount: 3 } } : n));
    expect(store.getDocument().nodes[2]).toMatchObject({ data: { amount: 3 } });
    expect(store.getState().history.present.nodes[2]?.ariaLabel).toBe("Wait: 3 days");
    store.deleteSelection();
    expect(ids(store)).toEqual(["s", "e"]);
    expect(store.getState().dirty).toBe(false);
    store.undo();
    expect(ids(store)).toEqual(["s", "e", id]);
    expect(store.getState().dirty).toBe(true);
    store.undo();
    store.undo();
    store.undo();
    expect(ids(store)).toEqual(["s", "e"]);
    expect(store.getState().dirty).toBe(false);
    store.redo();
    expect(ids(store)).toEqual(["s", "e", id]);
  });

  it("treats a whole drag as one step, and selection as none", () => {
    const { store } = storeAt();
    store.onNodesChange([{ type: "select", id: "e", selected: true }]);
    expect(store.getState().history.past).toHaveLength(0);
    for (const y of [210, 250, 300]) {
      store.onNodesChange([{ type: "position", id: "e", position: { x: 0, y }, dragging: true }]);
    }
    expect(store.getState().history.past).toHaveLength(0);
    store.onNodesChange([{ type: "position", id: "e", dragging: false }]);
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getDocument().nodes[1]?.position).toEqual({ x: 0, y: 300 });
    store.undo();
    expect(store.getDocument().nodes[1]?.position).toEqual({ x: 0, y: 200 });
    expect(store.getState().dirty).toBe(false);
  });

  it("ignores size measurements and refuses connections that loop", () => {
    const { store } = storeAt();
    let notified = 0;
    store.subscribe(() => notified++);
    const before = store.getState();
    store.onNodesChange([
      { type: "dimensions", id: "s", dimensions: { width: 200, height: 60 }, setAttributes: true },
    ]);
    // Kept on the node for React Flow, without a new state: nothing re-renders for a measurement.
    expect(store.getState()).toBe(before);
    expect(notified).toBe(0);
    expect(store.getState().history.present.nodes[0]?.measured).toEqual({ width: 200, height: 60 });
    expect(store.getState().dirty).toBe(false);
    store.connect({ source: "s", target: "s", sourceHandle: null, targetHandle: null });
    expect(store.getState().history.past).toHaveLength(0);
  });

  it("coalesces typing into one undo step", () => {
    const { store, time } = storeAt();
    const id = store.addNode("end", { x: 0, y: 0 });
    for (const outcome of ["W", "Wo", "Won"]) {
      time.now += 100;
      store.updateNode(
        id,
        (n) => (n.type === "end" ? { ...n, data: { outcome } } : n),
        `${id}:outcome`,
      );
    }
    expect(store.getDocument().nodes[2]).toMatchObject({ data: { outcome: "Won" } });
    store.undo();
    expect(store.getDocument().nodes[2]).toMatchObject({ data: { outcome: "Completed" } });
  });

  it("duplicates and pastes as single steps, and forgets history on load", () => {
    const { store } = storeAt();
    store.select(new Set(["e"]));
    store.duplicateSelection();
    expect(ids(store)).toHaveLength(3);
    const copy = store.copySelection();
    expect(copy?.nodes).toHaveLength(1);
    store.paste(copy!);
    expect(ids(store)).toHaveLength(4);
    store.undo();
    expect(ids(store)).toHaveLength(3);
    const saved = store.getDocument();
    store.markSaved(saved);
    expect(store.getState().dirty).toBe(false);
    store.load(doc);
    expect(store.getState().history.past).toHaveLength(0);
    expect(ids(store)).toEqual(["s", "e"]);
  });

  it("adds after the selected node, inserts onto a connection, and tidies up in one step", () => {
    const { store } = storeAt();
    store.select(new Set(["s"]));
    const wait = store.addNode("wait", { x: 900, y: 900 });
    const edges = () =>
      store.getState().history.present.edges.map((e) => `${e.source}>${e.target}`);
    expect(edges()).toEqual([`s>${wait}`, `${wait}>e`]);
    const edge = store.getState().history.present.edges[0]!;
    const messenger = store.insertNode("messenger", { kind: "edge", edgeId: edge.id });
    expect(edges()).toEqual([`${wait}>e`, `s>${messenger}`, `${messenger}>${wait}`]);
    expect(hasOverlaps(store.getState().history.present.nodes)).toBe(false);
    const past = store.getState().history.past.length;
    store.tidyUp();
    expect(store.getState().history.past).toHaveLength(past + 1);
    const y = (id: string) => store.getDocument().nodes.find((n) => n.id === id)!.position.y;
    expect(y("s")).toBeLessThan(y(messenger));
    expect(y(messenger)).toBeLessThan(y(wait));
    expect(y(wait)).toBeLessThan(y("e"));
  });

  it("opens a document whose nodes are stacked laid out, without unsaved changes", () => {
    const stacked = programDocument([startNode("s"), endNode("e")], [edge("s", "e")]);
    const store = createEditorStore(stacked);
    expect(hasOverlaps(store.getState().history.present.nodes)).toBe(false);
    expect(store.getState().dirty).toBe(false);
    expect(store.getDocument().nodes[1]!.position.y).toBeGreaterThan(0);
  });
});
