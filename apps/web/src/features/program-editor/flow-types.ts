import type { DecisionHandle, NodeType, ProgramNode } from "@waymark/domain";
import type { Edge, Node } from "@xyflow/react";

/** The `data` of a program node of type T. */
export type NodeDataOf<T extends NodeType> = Extract<ProgramNode, { type: T }>["data"];

/** A React Flow node of type T: the view model of one program node. */
export type FlowNodeOf<T extends NodeType> = Node<NodeDataOf<T>, T> & { type: T };

/** Any node on the canvas, discriminated by `type` like the program node it shows. */
export type FlowNode = { [T in NodeType]: FlowNodeOf<T> }[NodeType];

/** A connection on the canvas; `sourceHandle` is a Decision's "yes"/"no", else null. */
export type FlowEdge = Edge & { sourceHandle: DecisionHandle | null };

/** The graph part of the editor's state, as one undoable snapshot (arrays are never mutated). */
export interface FlowGraph {
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
}

/** Anything with a node's type and matching data: a program node or a canvas node. */
export type NodeContent = { [T in NodeType]: { type: T; data: NodeDataOf<T> } }[NodeType];
