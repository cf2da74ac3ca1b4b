import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { createContext, memo, useContext } from "react";
import type { EdgeEnds } from "./edge-names";
import { useEditor } from "./editor-context";
import type { FlowEdge } from "./flow-types";
import { useOpenInsertMenu } from "./insert-menu";

/**
 * Whether every connection shows its "+". A large program shows it only on selected ones:
 * hundreds of buttons over the canvas slow down every frame of a drag.
 */
export const InsertOnEveryEdge = createContext(true);

/** Half the "+" button's size (`.insert-button`), to centre it on the line. */
const INSERT_HALF = 11;

/** A connection: a smooth-step line with a "+" at its middle that inserts a step there. */
const ProgramEdge = memo(function ProgramEdge(props: EdgeProps<FlowEdge>) {
  const { readOnly } = useEditor();
  const open = useOpenInsertMenu();
  const everywhere = useContext(InsertOnEveryEdge);
  const [path, labelX, labelY] = getSmoothStepPath(props);
  const ends = props.data as Partial<EdgeEnds> | undefined;
  const label = `Insert a step between ${ends?.from ?? "these steps"} and ${ends?.to ?? ""}`.trim();
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={props.style}
        interactionWidth={props.interactionWidth}
      />
      {!readOnly && (everywhere || props.selected) && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="insert-button nodrag nopan"
            data-edge-id={props.id}
            // Placed by left/top, not a transform: 600 transforms would each be a paint
            // property node the browser walks on every frame of a drag.
            style={{ left: labelX - INSERT_HALF, top: labelY - INSERT_HALF }}
            aria-label={label}
            aria-haspopup="menu"
            title="Insert a step here"
            onClick={(e) =>
              open({
                point: { kind: "edge", edgeId: props.id },
                anchor: e.currentTarget,
                label: "Insert a step",
              })
            }
          >
            <span aria-hidden="true">+</span>
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** React Flow's edge types, at module scope so they are created once. */
export const edgeTypes = { program: ProgramEdge };
