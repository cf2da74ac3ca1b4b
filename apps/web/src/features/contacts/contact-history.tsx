import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";

const STATUS_LABELS: Record<string, string> = {
  queued: "Waiting to send",
  held: "Waiting: program deactivated",
  in_flight: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
  not_sent: "Not sent",
  unknown: "Outcome unknown",
};

/** The contact's programs: nodes passed and each Messenger outcome with its reason. */
export function ContactHistory({ contactId }: { contactId: string }) {
  const history = useQuery({
    queryKey: ["contacts", contactId, "history"],
    queryFn: () => unwrap(api.activity.contacts[":id"].$get({ param: { id: contactId } })),
  });
  return (
    <section className="card" aria-label="Program history">
      <h2>Program history</h2>
      {history.isPending && (
        <p role="status" className="loading">
          Loading history…
        </p>
      )}
      {history.error && <Alert kind="error">{history.error.message}</Alert>}
      {history.data?.programs.length === 0 && <p className="muted">Not in any program yet.</p>}
      {history.data?.programs.map((p) => (
        <article key={`${p.programId}-${p.enteredAt}`} className="history-entry">
          <h3>
            <Link to={`/programs/${p.programId}`}>{p.programName}</Link>{" "}
            <span className="muted">
              {p.state === "active"
                ? `in progress, at ${p.currentNodeId}`
                : `finished: ${p.outcome ?? "—"}`}
            </span>
          </h3>
          <p className="muted">Entered {formatDateTime(p.enteredAt)}</p>
          <ol className="plain-list">
            {p.steps.map((s) => (
              <li key={`${s.nodeId}-${s.at}`}>
                <code>{s.nodeId}</code> · {formatDateTime(s.at)}
                {s.outcome && <span className="muted"> · {s.outcome}</span>}
              </li>
            ))}
          </ol>
          {p.messages.map((m) => (
            <p key={`${m.nodeId}-${m.at}`}>
              Messenger <code>{m.nodeId}</code>:{" "}
              <strong>{STATUS_LABELS[m.status] ?? m.status}</strong>
              {m.reason && ` — ${m.reason}`}
              {m.text && <span className="muted"> · “{m.text}”</span>}
            </p>
          ))}
        </article>
      ))}
    </section>
  );
}
