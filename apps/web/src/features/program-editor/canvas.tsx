import {
  Background,
  type Connection,
  Controls,
  type FinalConnectionState,
  MiniMap,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { NodeType } from "@waymark/domain";
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useCanvasTabOrder } from "./canvas-tab-order";
import { nameEdges } from "./edge-names";
import { useEditor, useEditorState } from "./editor-context";
import type { FlowEdge, FlowNode } from "./flow-types";
import { InsertMenu, InsertMenuProvider, type InsertRequest } from "./insert-menu";
import { isNodeType, PALETTE_MIME } from "./palette";
import { edgeTypes, InsertOnEveryEdge } from "./program-edge";
import { nodeTypes } from "./program-node";

/** Roughly half a node, so a dropped node lands centred under the pointer. */
const NODE_HALF = { x: 110, y: 32 };

// Object props at module scope: React Flow copies changed props into its store, and a new
// `defaultEdgeOptions` object on every render (every frame of a drag) re-renders every edge.
// Shift also adds a clicked node to the selection (and Shift-drag draws a selection box).
const MULTI_SELECTION_KEYS = ["Meta", "Control", "Shift"];
export const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.15 };
const DEFAULT_EDGE_OPTIONS = { type: "program" };
const MINIMAP_SIZE = { width: 184, height: 138 };
/** From this many nodes on, the canvas saves work: off-screen parts and most "+" are not drawn. */
const LARGE_PROGRAM = 200;

/** The React Flow canvas of the program editor; all state lives in the editor store. */
export function Canvas(props: {
  onNotice(message: string): void;
  /** Shows the minimap beside the canvas, where it never covers a node. */
  minimap: boolean;
  /** When this changes (activation, counts arriving), the view is fitted to every node again. */
  fitKey: string;
}) {
  const { onNotice, minimap, fitKey } = props;
  const { store, readOnly } = useEditor();
  const nodes = useEditorState(store, (s) => s.history.present.nodes);
  const edges = useEditorState(store, (s) => s.history.present.edges);
  const revision = useEditorState(store, (s) => s.revision);
  const { screenToFlowPosition, fitView } = useReactFlow<FlowNode, FlowEdge>();
  const area = useRef<HTMLElement>(null);
  const fitted = useRef(fitKey);
  useEffect(() => {
    if (fitted.current === fitKey) return;
    fitted.current = fitKey;
    // After the nodes have grown their counts and the alerts above have taken their room.
    const timer = setTimeout(() => void fitView(FIT_VIEW_OPTIONS), 150);
    return () => clearTimeout(timer);
  }, [fitKey, fitView]);
  useCanvasTabOrder(area);
  const [names] = useState(() => new WeakMap<FlowEdge, FlowEdge>());
  // Edge names change with the nodes' labels, that is with the document, never during a drag.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change exactly when the revision does.
  const namedEdges = useMemo(
    () => nameEdges(edges, store.getState().history.present.nodes, names),
    [edges, revision, store, names],
  );
  const [menu, setMenu] = useState<InsertRequest | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const choose = (type: NodeType) => {
    if (!menu) return;
    const id = store.insertNode(type, menu.point);
    setMenu(null);
    // The new step is selected; focus it so the keyboard carries on from there, once React
    // Flow has measured and shown it (it stays hidden, so unfocusable, a few frames).
    let frames = 0;
    const focusNew = () => {
      const element = area.current?.querySelector<HTMLElement>(
        `.react-flow__node[data-id="${id}"]`,
      );
      element?.focus();
      if (document.activeElement !== element && frames++ < 60) requestAnimationFrame(focusNew);
    };
    requestAnimationFrame(focusNew);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    const type = e.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !isNodeType(type)) return;
    e.preventDefault();
    const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    // A dropped node goes where it was dropped, unconnected; clicking the palette connects.
    store.addNode(type, { x: at.x - NODE_HALF.x, y: at.y - NODE_HALF.y }, false);
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (readOnly || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  };
  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) =>
      store.connectionProblem({
        source: c.source,
        target: c.target,
        sourceHandle: c.sourceHandle ?? null,
        targetHandle: c.targetHandle ?? null,
      }) === null,
    [store],
  );
  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const problem = store.connectionProblem({
        source: state.fromNode.id,
        target: state.toNode.id,
        sourceHandle: state.fromHandle?.id ?? null,
        targetHandle: null,
      });
      if (problem) onNotice(problem);
    },
    [store, onNotice],
  );

  return (
    <section
      ref={area}
      className={`canvas${minimap ? " with-minimap" : ""}`}
      aria-label="Canvas"
      onDrop={onDrop}
      onDragOver={onDragOver}
    >
      <InsertMenuProvider value={setMenu}>
        <InsertOnEveryEdge.Provider value={nodes.length <= LARGE_PROGRAM}>
          <ReactFlow<FlowNode, FlowEdge>
            nodes={nodes}
            edges={namedEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={store.onNodesChange}
            onEdgesChange={store.onEdgesChange}
            onConnect={store.connect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            edgesReconnectable={false}
            deleteKeyCode={null}
            multiSelectionKeyCode={MULTI_SELECTION_KEYS}
            selectionKeyCode="Shift"
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={0.1}
            maxZoom={2}
            onlyRenderVisibleElements={nodes.length > LARGE_PROGRAM}
            defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          >
            <Background gap={24} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </InsertOnEveryEdge.Provider>
      </InsertMenuProvider>
      {minimap && (
        <div className="canvas-rail">
          <MiniMap
            pannable
            zoomable
            ariaLabel="Minimap of the program"
            bgColor="#fff"
            maskColor="rgba(225, 230, 240, 0.6)"
            nodeColor="#c9d3e6"
            style={MINIMAP_SIZE}
          />
        </div>
      )}
      {menu && (
        <InsertMenu request={menu} container={area.current} onChoose={choose} onClose={closeMenu} />
      )}
    </section>
  );
}

/** Where a node added from the keyboard goes: the centre of the visible canvas, staggered. */
export function useViewCentre() {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (count: number) => {
      const pane = document.querySelector(".canvas")?.getBoundingClientRect();
      const centre = pane
        ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }
        : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
      const at = screenToFlowPosition(centre);
      const stagger = (count % 6) * 24;
      return { x: at.x - NODE_HALF.x + stagger, y: at.y - NODE_HALF.y + stagger };
    },
    [screenToFlowPosition],
  );
}
