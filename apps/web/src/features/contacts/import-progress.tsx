/** A labelled progress bar for a running import. */
export function ImportProgress({
  processed,
  total,
  rows,
}: {
  processed: number;
  total: number;
  rows: number;
}) {
  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  return (
    <div className="card" aria-live="polite">
      <p>
        Importing… {rows.toLocaleString()} rows read ({percent}%)
      </p>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="progress"
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
