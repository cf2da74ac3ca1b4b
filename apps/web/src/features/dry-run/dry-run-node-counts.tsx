import { useParams } from "react-router";
import { useDryRunPanel, useLatestDryRun } from "./use-dry-run";

import "./dry-run.css";

/**
 * A node's test-run counts, while the test-run panel is open: drawn apart from the live
 * counts (dashed, another colour, "Test run" in front) so they are never taken for them.
 */
export function DryRunNodeCounts(props: { nodeId: string; nodeLabel: string }) {
  const programId = useParams().id ?? "";
  const [open] = useDryRunPanel(programId);
  const latest = useLatestDryRun(programId, open);
  const run = latest.data?.dryRun;
  if (!open || !run) return null;
  const counts = run.summary.nodes[props.nodeId] ?? { reached: 0, sent: 0, skipped: 0 };
  const messenger = counts.sent + counts.skipped > 0;
  return (
    <div
      role="note"
      aria-label={`Test run at ${props.nodeLabel}`}
      className={`dry-run-counts${run.stale ? " is-stale" : ""}`}
    >
      <span className="dry-run-counts-label">Test run</span> {counts.reached.toLocaleString()} reach
      {messenger && (
        <>
          {" · "}
          {counts.sent.toLocaleString()} send · {counts.skipped.toLocaleString()} skipped
        </>
      )}
    </div>
  );
}
