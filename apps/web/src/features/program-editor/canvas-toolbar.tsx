import { useReactFlow } from "@xyflow/react";
import { DryRunButton } from "../dry-run/dry-run-button";
import { FIT_VIEW_OPTIONS } from "./canvas";
import { useEditor, useEditorState } from "./editor-context";
import type { EditorLayout } from "./editor-layout";

/**
 * The row above the canvas: show or hide the palette, the settings panel and the minimap
 * (room to work on a small screen), and Tidy up, which lays the program out top to bottom.
 */
export function CanvasToolbar(props: {
  layout: EditorLayout;
  onLayout(patch: Partial<EditorLayout>): void;
}) {
  const { layout, onLayout } = props;
  const { store, readOnly } = useEditor();
  const count = useEditorState(store, (s) => s.history.present.nodes.length);
  const { fitView } = useReactFlow();
  const tidy = () => {
    store.tidyUp();
    // Once React Flow has the new positions, show the whole tidied program.
    requestAnimationFrame(() => void fitView({ ...FIT_VIEW_OPTIONS, duration: 200 }));
  };
  return (
    <fieldset className="canvas-toolbar">
      <legend className="visually-hidden">Canvas tools</legend>
      <button
        type="button"
        className="button small"
        aria-expanded={layout.palette}
        onClick={() => onLayout({ palette: !layout.palette })}
      >
        {layout.palette ? "Hide palette" : "Show palette"}
      </button>
      {!readOnly && (
        <button
          type="button"
          className="button small"
          onClick={tidy}
          disabled={count < 2}
          title="Lay the program out from top to bottom (Undo puts it back)"
        >
          Tidy up
        </button>
      )}
      <DryRunButton />
      <span className="canvas-toolbar-end">
        <button
          type="button"
          className="button small"
          aria-pressed={layout.minimap}
          onClick={() => onLayout({ minimap: !layout.minimap })}
        >
          Minimap
        </button>
        <button
          type="button"
          className="button small"
          aria-expanded={layout.panel}
          aria-controls={layout.panel ? "editor-side" : undefined}
          onClick={() => onLayout({ panel: !layout.panel })}
        >
          {layout.panel ? "Hide settings" : "Show settings"}
        </button>
      </span>
    </fieldset>
  );
}
