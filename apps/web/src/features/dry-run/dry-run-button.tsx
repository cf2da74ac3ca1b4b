import { nodeName } from "@waymark/domain";
import { useParams } from "react-router";
import { useEditor, useEditorState } from "../program-editor/editor-context";
import type { NodeContent } from "../program-editor/flow-types";
import { DryRunPanel } from "./dry-run-panel";
import { useDryRunPanel, useStartDryRun } from "./use-dry-run";

/** "Test run" on the canvas toolbar: starts a dry run of the saved version and shows its panel. */
export function DryRunButton() {
  const programId = useParams().id ?? "";
  const { store } = useEditor();
  const unsaved = useEditorState(store, (s) => s.dirty);
  const [open, setOpen] = useDryRunPanel(programId);
  const start = useStartDryRun(programId);
  const nodeLabel = (nodeId: string) => {
    const node = store.getDocument().nodes.find((n) => n.id === nodeId);
    return node ? nodeName({ type: node.type, data: node.data } as NodeContent) : null;
  };
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-expanded={open}
        disabled={start.isPending}
        title="See what activating would do to the Start list's contacts, sending nothing"
        onClick={() => {
          if (!open) start.mutate();
          setOpen(!open);
        }}
      >
        Test run
      </button>
      {open && (
        <DryRunPanel
          programId={programId}
          nodeLabel={nodeLabel}
          unsaved={unsaved}
          start={start}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
