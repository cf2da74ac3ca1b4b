import { useInfiniteQuery } from "@tanstack/react-query";
import { messageStatusLabel } from "@waymark/domain";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { Alert } from "../../ui/alert";
import { ContactLabel } from "../contacts/contact-label";
import { type ContactKind, formatDay, formatTimeIn, KIND_LABELS } from "./statistics-format";
import { contactsCsvUrl, messageContactsQuery } from "./statistics-queries";
import "./statistics.css";

const KINDS: ContactKind[] = ["sent", "delivered", "warnings", "errors"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The contacts behind a number of the drill-down (SPEC §8): email (to the contact's page),
 * name, time, program and node, status and reason; newest or oldest first, page by page, and
 * the whole list as CSV.
 */
export function MessageContactsPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const kind = KINDS.find((k) => k === params.get("kind")) ?? "warnings";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const order = params.get("order") === "oldest" ? "oldest" : "newest";
  const valid = DATE.test(from) && DATE.test(to);
  const query = { kind, from, to, order } as const;
  const list = useInfiniteQuery({ ...messageContactsQuery(id, query), enabled: valid });
  const back =
    (location.state as { back?: string } | null)?.back ??
    `/settings/channels/messenger/${id}/statistics`;
  const rows = list.data?.pages.flatMap((p) => p.contacts) ?? [];
  const first = list.data?.pages[0];
  const when = from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;

  if (!valid) return <Alert kind="error">This link is missing its dates.</Alert>;
  return (
    <>
      <p>
        <Link to={back}>← Usage statistics{first ? `: ${first.profileName}` : ""}</Link>
      </p>
      <h2>
        {KIND_LABELS[kind]}: {when}
      </h2>
      <div className="toolbar">
        <label className="stats-choice">
          Sort by time
          <select
            value={order}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set("order", e.target.value);
              setParams(next, { replace: true, state: location.state });
            }}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <a className="button" href={contactsCsvUrl(id, query)} download>
          Export CSV
        </a>
      </div>
      {list.error && <Alert kind="error">{list.error.message}</Alert>}
      {list.isPending && (
        <p role="status" className="loading">
          Loading contacts…
        </p>
      )}
      {first && rows.length === 0 && <p className="muted">No contacts for this number.</p>}
      {first && rows.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Contacts</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Time ({first.timeZone})</th>
              <th scope="col">Program and node</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.messageId}>
                <td>
                  <Link to={`/contacts/${c.contactId}`}>
                    <ContactLabel contact={c} />
                  </Link>
                </td>
                <td>{c.name}</td>
                <td>{formatTimeIn(c.at, first.timeZone)}</td>
                <td>
                  {c.programName ?? <span className="muted">(deleted program)</span>}
                  <span className="muted"> · {c.nodeName}</span>
                </td>
                <td>{messageStatusLabel(c.status)}</td>
                <td>
                  {c.reason ?? ""}
                  {c.reasonDetail && <span className="reason-detail">{c.reasonDetail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}
