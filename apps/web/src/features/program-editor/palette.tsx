import { NODE_TYPE_LABELS, NODE_TYPES, type NodeType } from "@waymark/domain";
import type { DragEvent } from "react";

/** The drag-and-drop data type of a palette item. */
export const PALETTE_MIME = "application/x-waymark-node";

const HINTS: Record<NodeType, string> = {
  start: "Where contacts enter",
  messenger: "Send a Messenger message",
  wait: "Hold contacts for a time",
  decision: "Split on a Yes/No rule",
  update_contact: "Set a data field",
  end: "Record an outcome",
};

/** True when a string names a node type (drop data comes from outside the app too). */
export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

/**
 * The node types to drag onto the canvas. Each item is a button, so the keyboard (Enter or
 * Space) adds the node at the centre of the view instead.
 */
export function Palette({ disabled, onAdd }: { disabled: boolean; onAdd(type: NodeType): void }) {
  const onDragStart = (e: DragEvent<HTMLButtonElement>, type: NodeType) => {
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.effectAllowed = "copy";
  };
  return (
    <nav className="palette" aria-labelledby="palette-title">
      <h2 id="palette-title" className="editor-section-title">
        Nodes
      </h2>
      <p className="hint" id="palette-hint">
        Click to add after the selected node, or drag onto the canvas to place.
      </p>
      <ul>
        {NODE_TYPES.map((type) => (
          <li key={type}>
            <button
              type="button"
              draggable={!disabled}
              disabled={disabled}
              className={`palette-item palette-item-${type}`}
              aria-label={NODE_TYPE_LABELS[type]}
              aria-describedby={`palette-hint palette-${type}`}
              onDragStart={(e) => onDragStart(e, type)}
              onClick={() => onAdd(type)}
            >
              <span className="palette-item-name">{NODE_TYPE_LABELS[type]}</span>
              <span className="palette-item-hint" id={`palette-${type}`}>
                {HINTS[type]}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
