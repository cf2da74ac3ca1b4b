import { useState } from "react";
import { createPortal } from "react-dom";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { DryRunContactsDialog } from "./dry-run-contacts-dialog";
import { type DryRun, useCancelDryRun, useLatestDryRun, type useStartDryRun } from "./use-dry-run";

import "./dry-run.css";

const STATUS_TEXT: Record<DryRun["status"], string> = {
  running: "Testing…",
  done: "Finished",
  cancelled: "Cancelled: the counts cover the contacts tested before it stopped.",
  failed: "The test run stopped with an error.",
};

/**
 * The test run's summary beside the canvas: progress and Cancel while it runs, then the
 * totals, what it assumed, whether it is out of date, and each skip reason with its contacts.
 */
export function DryRunPanel(props: {
  programId: string;
  /** The accessible name of a node by id (null when it is no longer on the canvas). */
  nodeLabel(nodeId: string): string | null;
  unsaved: boolean;
  /** The toolbar's start, so its refusal (no Start list…) shows here. */
  start: ReturnType<typeof useStartDryRun>;
  onClose(): void;
}) {
  const { programId, start } = props;
  const latest = useLatestDryRun(programId, true);
  const cancel = useCancelDryRun(programId);
  const [shown, setShown] = useState<{ reasonId: number; title: string } | null>(null);
  const run = latest.data?.dryRun ?? null;
  const running = run?.status === "running";
  const label = (nodeId: string) => props.nodeLabel(nodeId) ?? "A step no longer on the canvas";
  const error = start.error ?? cancel.error ?? latest.error;

  return createPortal(
    <section className="dry-run-panel" aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">Test run</h2>
      <p className="muted">
        What activating would do to the Start list's contacts now. Nothing is sent and no contact is
        changed.
      </p>
      {props.unsaved && (
        <Alert kind="info">
          <p>You have unsaved changes: the test uses the saved version.</p>
        </Alert>
      )}
      {error && (
        <Alert kind="error">
          <p>The test run could not go on.</p>
          <p>{error.message}</p>
        </Alert>
      )}
      {latest.isPending && <p role="status">Loading…</p>}
      {latest.isSuccess && !run && !start.isPending && (
        <p>This program was never tested. Start a test run to see what it would do.</p>
      )}
      {run && (
        <>
          <p role="status">
            {STATUS_TEXT[run.status]} {run.progress.done.toLocaleString()} of{" "}
            {run.progress.total.toLocaleString()} contacts tested (version {run.programVersion},{" "}
            {formatDateTime(run.evaluatedAt)}).
          </p>
          {run.error && <p className="muted">{run.error}</p>}
          {running && (
            <div
              role="progressbar"
              aria-label="Test run progress"
              aria-valuemin={0}
              aria-valuemax={run.progress.total}
              aria-valuenow={run.progress.done}
              className="progress"
            >
              <div
                className="progress-bar"
                style={{
                  width: `${run.progress.total === 0 ? 0 : Math.round((run.progress.done / run.progress.total) * 100)}%`,
                }}
              />
            </div>
          )}
          {run.stale && (
            <Alert kind="info">
              <p>These results are out of date. Run the test again.</p>
              <ul>
                {run.staleReasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </Alert>
          )}
          <p>
            <strong>{run.summary.sends.toLocaleString()}</strong> Messenger messages would be sent
            and <strong>{run.summary.skips.toLocaleString()}</strong> skipped, for{" "}
            {run.summary.contacts.toLocaleString()} contacts.
          </p>
          <ul className="dry-run-assumptions" aria-label="What the test run assumes">
            {run.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
          {run.summary.reasons.length === 0 ? (
            !running && <p>No message would be skipped.</p>
          ) : (
            <table className="table" aria-label="Why messages would be skipped">
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Contacts</th>
                </tr>
              </thead>
              <tbody>
                {run.summary.reasons.map((r) => {
                  const reason =
                    r.kind === "skipped"
                      ? r.reason
                      : `Sent with @${r.reason}@ empty (no value, no default)`;
                  const title = `${reason} at ${label(r.nodeId)}`;
                  return (
                    <tr key={r.id}>
                      <td>{label(r.nodeId)}</td>
                      <td>{reason}</td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Show the ${r.count} contacts: ${title}`}
                          onClick={() => setShown({ reasonId: r.id, title: `Contacts: ${title}` })}
                        >
                          {r.count.toLocaleString()}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
      <div className="dialog-actions">
        {running ? (
          <button
            type="button"
            className="button"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(run.id)}
          >
            {cancel.isPending ? "Cancelling…" : "Cancel test run"}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={start.isPending}
            onClick={() => start.mutate()}
          >
            {run ? "Run the test again" : "Start test run"}
          </button>
        )}
        <button type="button" className="button" onClick={props.onClose}>
          Close test run
        </button>
      </div>
      {shown && run && (
        <DryRunContactsDialog
          programId={programId}
          runId={run.id}
          reasonId={shown.reasonId}
          title={shown.title}
          onClose={() => setShown(null)}
        />
      )}
    </section>,
    document.body,
  );
}
