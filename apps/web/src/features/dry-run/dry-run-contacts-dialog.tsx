import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { ContactLabel } from "../contacts/contact-label";

/** The contacts behind one test-run reason: names and emails, by pages, and a CSV of them all. */
export function DryRunContactsDialog(props: {
  programId: string;
  runId: string;
  reasonId: number;
  title: string;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const param = {
    id: props.programId,
    runId: props.runId,
    reasonId: String(props.reasonId),
  };
  const contacts = useInfiniteQuery({
    queryKey: ["dry-run-contacts", props.runId, props.reasonId],
    queryFn: ({ pageParam }) =>
      unwrap(
        api["dry-runs"].programs[":id"].runs[":runId"].reasons[":reasonId"].contacts.$get({
          param,
          query: { cursor: pageParam ?? undefined, limit: "50" },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = contacts.data?.pages.flatMap((p) => p.contacts) ?? [];
  const csv = `/api/dry-runs/programs/${props.programId}/runs/${props.runId}/reasons/${props.reasonId}/contacts.csv`;
  return (
    <dialog ref={ref} className="dialog wide" aria-label={props.title} onClose={props.onClose}>
      <h2>{props.title}</h2>
      {contacts.isPending && <p role="status">Loading…</p>}
      {contacts.error && (
        <Alert kind="error">
          <p>The contacts could not be loaded.</p>
          <p>{contacts.error.message}</p>
        </Alert>
      )}
      {contacts.isSuccess && rows.length === 0 && (
        <p className="muted">No contacts (they may have been deleted since the test run).</p>
      )}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.contactId}>
                <td>{c.name || <span className="muted">No name</span>}</td>
                <td>
                  <Link to={`/contacts/${c.contactId}`}>
                    <ContactLabel contact={{ email: c.email, name: "" }} />
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        {contacts.hasNextPage && (
          <button
            type="button"
            className="button"
            disabled={contacts.isFetchingNextPage}
            onClick={() => contacts.fetchNextPage()}
          >
            {contacts.isFetchingNextPage ? "Loading…" : "Show more"}
          </button>
        )}
        <a className="button" href={csv} download>
          Download CSV
        </a>
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
