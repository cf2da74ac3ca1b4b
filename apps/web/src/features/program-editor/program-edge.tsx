import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { memo } from "react";
import type { EdgeEnds } from "./edge-names";
import { useEditor } from "./editor-context";
import type { FlowEdge } from "./flow-types";
import { useOpenInsertMenu } from "./insert-menu";

/** A connection: a smooth-step line with a "+" at its middle that inserts a step there. */
const ProgramEdge = memo(function ProgramEdge(props: EdgeProps<FlowEdge>) {
  const { readOnly } = useEditor();
  const open = useOpenInsertMenu();
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
      {!readOnly && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="insert-button nodrag nopan"
            data-edge-id={props.id}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
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
