import { REASON_KIND_LABELS } from "./statistics-format";

export interface ShownReason {
  kind: string;
  reason: string;
  detail: string | null;
  count: number;
}

/** Why messages were not sent, each reason in plain words with Facebook's record below it. */
export function ReasonList({ reasons }: { reasons: ShownReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="reason-list">
      {reasons.map((r) => (
        <li key={`${r.kind}:${r.reason}:${r.detail ?? ""}`}>
          <span className={`badge reason-${r.kind}`}>{REASON_KIND_LABELS[r.kind] ?? r.kind}</span>{" "}
          {r.reason}: {r.count.toLocaleString()}
          {r.detail && <span className="reason-detail">{r.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
