import { Link } from "react-router";
import { ProgramStatus } from "../programs/program-status";
import type { ProgramBase } from "./use-program-actions";

interface EditorHeaderProps {
  base: ProgramBase;
  name: string;
  dirty: boolean;
  busy: boolean;
  saving: boolean;
  issueCount: number;
  canUndo: boolean;
  canRedo: boolean;
  onName(name: string): void;
  onUndo(): void;
  onRedo(): void;
  onSave(): void;
  onActivate(): void;
  onDeactivate(): void;
  onCopy(): void;
}

/** The editor's title row: name, state, save state and the program's actions. */
export function EditorHeader(props: EditorHeaderProps) {
  const { base, name, dirty, busy, saving, issueCount } = props;
  const active = base.status === "active";
  const blocked = issueCount > 0;
  return (
    <header className="editor-header">
      <div className="editor-title">
        <Link to="/programs" className="back-link">
          Programs
        </Link>
        <span aria-hidden="true">/</span>
        <label htmlFor="program-name" className="visually-hidden">
          Program name
        </label>
        <input
          id="program-name"
          className="program-name-input"
          value={name}
          maxLength={120}
          // As wide as the name where CSS field-sizing is not supported.
          size={Math.max(20, [...name].length + 1)}
          readOnly={active}
          onChange={(e) => props.onName(e.target.value)}
        />
        <ProgramStatus status={base.status} />
        <span role="status" className="save-state">
          {saving ? "Saving…" : dirty ? "Unsaved changes" : `Saved · version ${base.version}`}
        </span>
      </div>
      <div className="editor-actions">
        {!active && (
          <>
            <button
              type="button"
              className="button"
              onClick={props.onUndo}
              disabled={!props.canUndo}
              aria-keyshortcuts="Control+Z"
            >
              Undo
            </button>
            <button
              type="button"
              className="button"
              onClick={props.onRedo}
              disabled={!props.canRedo}
              aria-keyshortcuts="Control+Shift+Z"
            >
              Redo
            </button>
            <button
              type="button"
              className="button"
              onClick={props.onSave}
              disabled={busy || !dirty}
              aria-keyshortcuts="Control+S"
            >
              {saving ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              className="button primary"
              onClick={props.onActivate}
              disabled={busy || blocked}
              aria-describedby="activate-reason"
            >
              Activate
            </button>
            <span id="activate-reason" className={blocked ? "activate-reason" : "visually-hidden"}>
              {blocked
                ? `Fix ${issueCount === 1 ? "the problem" : `the ${issueCount} problems`} listed to activate`
                : dirty
                  ? "Activating saves your changes first"
                  : "Starts enrolling and sending"}
            </span>
          </>
        )}
        {active && (
          <>
            <button type="button" className="button" onClick={props.onCopy} disabled={busy}>
              Copy to new draft
            </button>
            <button
              type="button"
              className="button danger"
              onClick={props.onDeactivate}
              disabled={busy}
            >
              Deactivate
            </button>
          </>
        )}
      </div>
    </header>
  );
}
