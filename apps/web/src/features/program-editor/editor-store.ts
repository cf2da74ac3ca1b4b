import type { NodeType, ProgramDocument } from "@waymark/domain";
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type NodeDimensionChange,
} from "@xyflow/react";
import { type ClipboardContent, copySelection, pasteClipboard } from "./clipboard";
import type { FlowEdge, FlowGraph, FlowNode } from "./flow-types";
import { fromFlow } from "./from-flow";
import * as edits from "./graph-edits";
import * as h from "./history";
import { createFlowNode } from "./new-node";
import { nodeAriaLabel } from "./node-labels";
import { hasOverlaps } from "./placement";
import { tidyLayout } from "./tidy-layout";
import { toFlow } from "./to-flow";

/** What the editor shows and can undo. */
export interface EditorState {
  readonly history: h.History<FlowGraph>;
  /** Bumps whenever the document may have changed (not for selection or a drag in progress). */
  readonly revision: number;
  /** The canvas differs from the last saved (or loaded) document. */
  readonly dirty: boolean;
}

const keyOf = (graph: FlowGraph) => JSON.stringify(fromFlow(graph.nodes, graph.edges));

/**
 * The program editor's state outside React: the canvas graph with undo/redo for every edit,
 * and whether it is saved. React Flow changes come in through `onNodesChange`/`onEdgesChange`;
 * selection and drag frames are not undo steps, a finished drag is one.
 */
export function createEditorStore(document: ProgramDocument, clock: () => number = Date.now) {
  const initial = openGraph(document);
  let savedKey = keyOf(initial);
  let presentKey = savedKey;
  let state: EditorState = { history: h.startHistory(initial), revision: 0, dirty: false };
  let dragOrigin: FlowGraph | null = null;
  let documentCache: { revision: number; document: ProgramDocument } | null = null;
  const listeners = new Set<() => void>();

  const emit = (next: EditorState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const present = () => state.history.present;
  const transient = (next: FlowGraph) =>
    emit({ ...state, history: h.replacePresent(state.history, next) });
  const commit = (next: FlowGraph, options: { key?: string; before?: FlowGraph } = {}) => {
    const nextKey = keyOf(next);
    const beforeKey = options.before ? keyOf(options.before) : presentKey;
    if (nextKey === beforeKey) return transient(next);
    presentKey = nextKey;
    emit({
      history: h.record(state.history, next, { ...options, now: clock() }),
      revision: state.revision + 1,
      dirty: nextKey !== savedKey,
    });
  };
  const travel = (history: h.History<FlowGraph>) => {
    if (history === state.history) return;
    presentKey = keyOf(history.present);
    emit({ history, revision: state.revision + 1, dirty: presentKey !== savedKey });
  };

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The canvas as a program document (recomputed once per revision). */
    getDocument(): ProgramDocument {
      if (documentCache?.revision !== state.revision) {
        documentCache = {
          revision: state.revision,
          document: fromFlow(present().nodes, present().edges),
        };
      }
      return documentCache.document;
    },
    /** Replaces everything with a document from the server; history starts again. */
    load(next: ProgramDocument) {
      const graph = openGraph(next);
      savedKey = keyOf(graph);
      presentKey = savedKey;
      dragOrigin = null;
      emit({ history: h.startHistory(graph), revision: state.revision + 1, dirty: false });
    },
    /** Records that `saved`, a document from `getDocument()` that was sent, is now stored. */
    markSaved(saved: ProgramDocument) {
      savedKey = JSON.stringify(saved);
      emit({ ...state, dirty: presentKey !== savedKey });
    },
    onNodesChange(changes: NodeChange<FlowNode>[]) {
      if (changes.every((c) => c.type === "dimensions")) return recordSizes(present(), changes);
      const next = {
        nodes: applyNodeChanges(changes, [...present().nodes]),
        edges: present().edges,
      };
      const moves = changes.filter((c) => c.type === "position");
      if (moves.some((c) => c.dragging === true)) {
        dragOrigin ??= present();
        return transient(next);
      }
      if (moves.length > 0) {
        const before = dragOrigin ?? present();
        dragOrigin = null;
        return commit(next, { before });
      }
      if (changes.every((c) => c.type === "select" || c.type === "dimensions")) {
        return transient(next);
      }
      commit(next);
    },
    onEdgesChange(changes: EdgeChange<FlowEdge>[]) {
      const next = {
        nodes: present().nodes,
        edges: applyEdgeChanges(changes, [...present().edges]),
      };
      if (changes.every((c) => c.type === "select")) return transient(next);
      commit(next);
    },
    connectionProblem: (connection: Connection) => edits.connectionProblem(present(), connection),
    connect(connection: Connection) {
      if (edits.connectionProblem(present(), connection) === null) {
        commit(edits.connect(present(), connection));
      }
    },
    disconnect(source: string, handle: "yes" | "no" | null) {
      commit(edits.disconnect(present(), source, handle));
    },
    /**
     * Adds a node of `type` and selects it (only it): after the one selected node, connected
     * (unless `afterSelection` is false), or else near `position`, never on top of another node.
     */
    addNode(type: NodeType, position: { x: number; y: number }, afterSelection = true) {
      const node = createFlowNode(type, position, present().nodes);
      commit(edits.addNode(present(), node, afterSelection));
      return node.id;
    },
    /** Adds a node of `type` onto a connection or after an output, connected on both sides. */
    insertNode(type: NodeType, at: edits.InsertionPoint) {
      const node = createFlowNode(type, { x: 0, y: 0 }, present().nodes);
      commit(edits.insertNode(present(), node, at));
      return node.id;
    },
    /** Lays the whole program out top to bottom (one undo step). */
    tidyUp() {
      commit(tidyLayout(present()));
    },
    /** Edits one node; edits with the same `key` in quick succession are one undo step. */
    updateNode(id: string, update: (node: FlowNode) => FlowNode, key?: string) {
      commit(edits.updateNode(present(), id, update, nodeAriaLabel), { key });
    },
    deleteSelection() {
      if (edits.hasSelection(present())) commit(edits.deleteSelection(present()));
    },
    /** The selection as clipboard content, or null when nothing is selected. */
    copySelection: () => copySelection(present()),
    paste(content: ClipboardContent) {
      commit(pasteClipboard(present(), content));
    },
    duplicateSelection() {
      const content = copySelection(present());
      if (content) commit(pasteClipboard(present(), content));
    },
    /** Selects exactly these nodes (not an undo step). */
    select(ids: ReadonlySet<string>) {
      transient(edits.selectOnly(present(), ids));
    },
    selectAll() {
      transient(edits.selectOnly(present(), new Set(present().nodes.map((n) => n.id))));
    },
    undo: () => travel(h.undo(state.history)),
    redo: () => travel(h.redo(state.history)),
  };
}

/**
 * The canvas for a document. One whose nodes sit on top of each other (made through the API,
 * where every node may be at 0,0) is laid out first; that is not an unsaved change.
 */
function openGraph(document: ProgramDocument): FlowGraph {
  const graph = toFlow(document);
  return hasOverlaps(graph.nodes) ? tidyLayout(graph) : graph;
}

/**
 * Sizes React Flow measured, written onto the canvas nodes themselves instead of replacing them.
 * React Flow holds the sizes already; it only needs them on the nodes it is given again, so that
 * a node that is later replaced (moved, edited) keeps its size. Replacing the nodes would make it
 * render every node once more after measuring them — a whole extra pass over a large program
 * when it opens. The size is view state: no undo step, not part of the document.
 */
function recordSizes(graph: FlowGraph, changes: NodeDimensionChange[]) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const change of changes) {
    const node = byId.get(change.id);
    if (node && change.dimensions) node.measured = { ...change.dimensions };
  }
}

/** The program editor's store. */
export type EditorStore = ReturnType<typeof createEditorStore>;
