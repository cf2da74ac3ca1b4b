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
import { type DragEvent, useCallback } from "react";
import { useEditor, useEditorState } from "./editor-context";
import type { FlowEdge, FlowNode } from "./flow-types";
import { isNodeType, PALETTE_MIME } from "./palette";
import { nodeTypes } from "./program-node";

/** Roughly half a node, so a dropped node lands centred under the pointer. */
const NODE_HALF = { x: 110, y: 32 };

// Object props at module scope: React Flow copies changed props into its store, and a new
// `defaultEdgeOptions` object on every render (every frame of a drag) re-renders every edge.
const MULTI_SELECTION_KEYS = ["Meta", "Control"];
const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 };
const DEFAULT_EDGE_OPTIONS = { type: "smoothstep" };

/** The React Flow canvas of the program editor; all state lives in the editor store. */
export function Canvas({ onNotice }: { onNotice(message: string): void }) {
  const { store, readOnly } = useEditor();
  const nodes = useEditorState(store, (s) => s.history.present.nodes);
  const edges = useEditorState(store, (s) => s.history.present.edges);
  const { screenToFlowPosition } = useReactFlow<FlowNode, FlowEdge>();

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
    <section className="canvas" aria-label="Canvas" onDrop={onDrop} onDragOver={onDragOver}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
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
        onlyRenderVisibleElements={nodes.length > 200}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Minimap of the program" />
      </ReactFlow>
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
