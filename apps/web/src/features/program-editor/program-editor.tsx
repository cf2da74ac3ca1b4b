import { connectionProblem, nodeName, validateProgram } from "@waymark/domain";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useLayoutEffect, useMemo, useState } from "react";
import { Alert } from "../../ui/alert";
import type { ProgramData } from "../programs/program-queries";
import {
  ActivityProvider,
  type ContactsKind,
  countsByNode,
  createCountsStore,
  NodeContactsDialog,
  useProgramActivity,
} from "./activity-context";
import { Canvas, useViewCentre } from "./canvas";
import { CanvasToolbar } from "./canvas-toolbar";
import {
  createFreeOutputsStore,
  createIssuesStore,
  type EditorContextValue,
  EditorProvider,
  FreeOutputsProvider,
  IssuesProvider,
  useEditorState,
} from "./editor-context";
import { EditorHeader } from "./editor-header";
import { useEditorLayout } from "./editor-layout";
import { createEditorStore } from "./editor-store";
import { freeOutputsByNode } from "./graph-edits";
import { IssuesList } from "./issues-list";
import { LiveEditDialog } from "./live-edit-dialog";
import { NodePanel } from "./node-panel";
import { Palette } from "./palette";
import { ProfileHealthBanner } from "./profile-health-banner";
import { StateChangeDialog } from "./state-change-dialog";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useProgramActions } from "./use-program-actions";
import "./program-editor.css";

type Account = Omit<EditorContextValue, "store" | "readOnly">;

/** The program builder: palette, canvas, node settings, problems, save and program states. */
export function ProgramEditor(props: { program: ProgramData; account: Account }) {
  return (
    <ReactFlowProvider>
      <EditorBody {...props} />
    </ReactFlowProvider>
  );
}

function EditorBody({ program, account }: { program: ProgramData; account: Account }) {
  const [store] = useState(() => createEditorStore(program.document));
  const actions = useProgramActions(store, program);
  const { base } = actions;
  const [name, setName] = useState(program.name);
  const [notice, setNotice] = useState("");
  const readOnly = base.status === "active";
  const revision = useEditorState(store, (s) => s.revision);
  const storeDirty = useEditorState(store, (s) => s.dirty);
  const canUndo = useEditorState(store, (s) => s.history.past.length > 0);
  const canRedo = useEditorState(store, (s) => s.history.future.length > 0);
  const dirty = storeDirty || name.trim() !== base.name;
  const viewCentre = useViewCentre();

  const validation = useMemo(
    () => ({
      fields: account.fields,
      lists: account.lists,
      profiles: account.profiles.map((p) => ({
        id: p.id,
        name: p.name,
        enabled: p.status === "enabled",
        policy: p.policyVersion,
        ...(p.connection === "lost" ? { connection: connectionProblem(p.lastError ?? null) } : {}),
      })),
    }),
    [account],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the document changes exactly when the revision does.
  const issues = useMemo(
    () => validateProgram(store.getDocument(), validation),
    [revision, validation, store],
  );
  const issuesByNode = useMemo(() => {
    const map = new Map<string, typeof issues>();
    for (const issue of issues) {
      if (issue.nodeId) map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue]);
    }
    return map;
  }, [issues]);
  // Nodes read their problems from a store, so an edit re-renders only the nodes it affects.
  const [issuesStore] = useState(() => createIssuesStore(issuesByNode));
  useLayoutEffect(() => issuesStore.set(issuesByNode), [issuesStore, issuesByNode]);
  // Which outputs lead nowhere yet: each such output shows a "+" under its node.
  const [outputsStore] = useState(() => createFreeOutputsStore(new Map()));
  // biome-ignore lint/correctness/useExhaustiveDependencies: connections change exactly when the revision does.
  useLayoutEffect(
    () => outputsStore.set(freeOutputsByNode(store.getState().history.present)),
    [outputsStore, revision, store],
  );
  const [layout, setLayout] = useEditorLayout();
  const context = useMemo(() => ({ store, readOnly, ...account }), [store, readOnly, account]);

  const save = useCallback(() => {
    if (!actions.busy && dirty) actions.save.mutate({ name });
  }, [actions, dirty, name]);
  useEditorShortcuts(store, { readOnly, onSave: save, onNotice: setNotice });
  const stale = actions.error?.code === "stale_version";
  const activity = useProgramActivity(program.id, base.status);
  const [shown, setShown] = useState<{ nodeId: string; kind: ContactsKind } | null>(null);
  const [countsStore] = useState(createCountsStore);
  useLayoutEffect(
    () => countsStore.set(activity.data ? countsByNode(activity.data) : new Map()),
    [countsStore, activity.data],
  );
  const countsKnown = activity.data !== undefined;
  const activityValue = useMemo(
    () => ({
      counts: countsStore,
      known: countsKnown,
      show: (nodeId: string, kind: ContactsKind) => setShown({ nodeId, kind }),
    }),
    [countsStore, countsKnown],
  );
  const enrolment = activity.data?.enrolment;

  return (
    <EditorProvider value={context}>
      <ActivityProvider value={activityValue}>
        <IssuesProvider value={issuesStore}>
          <FreeOutputsProvider value={outputsStore}>
            <div className="program-editor">
              <EditorHeader
                base={base}
                name={name}
                dirty={dirty}
                busy={actions.busy}
                saving={actions.save.isPending}
                issueCount={issues.length}
                canUndo={canUndo}
                canRedo={canRedo}
                onName={setName}
                onUndo={store.undo}
                onRedo={store.redo}
                onSave={save}
                onActivate={() => void actions.requestStateChange("activate", name)}
                onDeactivate={() => void actions.requestStateChange("deactivate", name)}
                onCopy={() => actions.copy.mutate()}
              />
              {actions.error && (
                <Alert kind="error">
                  <p>{actions.error.message}</p>
                  {stale && (
                    <p>
                      Your edits are still on the canvas: copy what you need (Ctrl+C), then{" "}
                      <button
                        type="button"
                        className="button small"
                        onClick={() => actions.reload.mutate()}
                      >
                        Reload the saved program
                      </button>
                    </p>
                  )}
                </Alert>
              )}
              {actions.warnings.length > 0 && (
                <Alert kind="info">
                  {actions.warnings.map((warning) => (
                    <p key={warning}>{warning}</p>
                  ))}
                </Alert>
              )}
              {readOnly && (
                <Alert kind="info">
                  This program is active, so its canvas is read-only. Deactivate it to edit it, or
                  copy it to a new draft.
                </Alert>
              )}
              <ProfileHealthBanner status={base.status} />
              {activity.data && base.status !== "draft" && (
                <p className="muted">
                  {activity.data.contactsInProgram.toLocaleString()} contacts in the program now
                </p>
              )}
              {enrolment &&
                base.status === "active" &&
                !enrolment.finished &&
                enrolment.total > 0 && (
                  <div className="card">
                    <p>
                      Enrolling the Start list: {enrolment.done.toLocaleString()} of{" "}
                      {enrolment.total.toLocaleString()} contacts
                    </p>
                    <div
                      role="progressbar"
                      aria-label="Enrolment progress"
                      aria-valuemin={0}
                      aria-valuemax={enrolment.total}
                      aria-valuenow={enrolment.done}
                      className="progress"
                    >
                      <div
                        className="progress-bar"
                        style={{
                          width: `${Math.round((enrolment.done / enrolment.total) * 100)}%`,
                        }}
                      />
                    </div>
                  </div>
                )}
              <p className="visually-hidden" role="status">
                {notice}
              </p>
              <CanvasToolbar layout={layout} onLayout={setLayout} />
              <div
                className={`editor-body${layout.palette ? "" : " no-palette"}${layout.panel ? "" : " no-panel"}`}
              >
                {layout.palette && (
                  <Palette
                    disabled={readOnly}
                    onAdd={(type) =>
                      store.addNode(type, viewCentre(store.getState().history.present.nodes.length))
                    }
                  />
                )}
                <Canvas
                  onNotice={setNotice}
                  minimap={layout.minimap}
                  fitKey={`${base.status}:${countsKnown}`}
                />
                {layout.panel && (
                  <div className="editor-side" id="editor-side">
                    <NodePanel />
                    <IssuesList issues={issues} status={base.status} />
                  </div>
                )}
              </div>
            </div>
            <UnsavedChangesGuard dirty={dirty} />
            <LiveEditDialog
              key={actions.questions ? "asking" : "idle"}
              questions={actions.questions}
              busy={actions.save.isPending}
              onConfirm={(liveEdits) => actions.save.mutate({ name, liveEdits })}
              onCancel={actions.dismissQuestions}
            />
            <StateChangeDialog
              programId={program.id}
              programName={base.name}
              kind={actions.confirming}
              busy={actions.activate.isPending || actions.deactivate.isPending}
              onConfirm={() =>
                actions.confirming === "activate"
                  ? actions.activate.mutate()
                  : actions.deactivate.mutate()
              }
              onCancel={actions.cancelStateChange}
            />
            {shown && (
              <NodeContactsDialog
                programId={program.id}
                nodeId={shown.nodeId}
                nodeLabel={shownName(store, shown.nodeId)}
                kind={shown.kind}
                onClose={() => setShown(null)}
              />
            )}
          </FreeOutputsProvider>
        </IssuesProvider>
      </ActivityProvider>
    </EditorProvider>
  );
}

/** A node's name for a drill-down's title (the node may have been deleted since). */
function shownName(store: ReturnType<typeof createEditorStore>, id: string): string {
  const node = store.getState().history.present.nodes.find((n) => n.id === id);
  return node ? nodeName(node) : "a removed node";
}
