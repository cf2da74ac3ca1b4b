import { useQuery } from "@tanstack/react-query";
import {
  explainNotSentReason,
  type MessageStatus,
  messageStatusLabel,
  reasonKindOf,
} from "@waymark/domain";
import { Link } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";

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
                ? `in progress, at ${p.currentNodeName}`
                : `finished: ${p.outcome ?? "—"}`}
            </span>
          </h3>
          <p className="muted">Entered {formatDateTime(p.enteredAt)}</p>
          <ol className="plain-list">
            {p.steps.map((s) => (
              <li key={`${s.nodeId}-${s.at}`}>
                {s.nodeName} · {formatDateTime(s.at)}
                {s.outcome && <span className="muted"> · {s.outcome}</span>}
              </li>
            ))}
          </ol>
          {p.messages.map((m) => (
            <p key={`${m.nodeId}-${m.at}`}>
              {m.nodeName}: <strong>{messageStatusLabel(m.status)}</strong>
              {m.reason && <MessageReason status={m.status} reason={m.reason} />}
              {m.text && <span className="muted"> · “{m.text}”</span>}
            </p>
          ))}
        </article>
      ))}
    </section>
  );
}

/** Why a message was not sent, Facebook's errors in plain words with the record below. */
function MessageReason({ status, reason }: { status: string; reason: string }) {
  const kind = reasonKindOf(status as MessageStatus);
  const shown = kind ? explainNotSentReason(kind, reason) : { reason, detail: null };
  return (
    <>
      {` — ${shown.reason}`}
      {shown.detail && <span className="muted reason-detail"> ({shown.detail})</span>}
    </>
  );
}
