import { useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { PageHeader } from "../../ui/page-header";
import { ContactLabel } from "./contact-label";
import { type ContactsShown, contactsCsvUrl, contactsQuery } from "./contact-queries";
import { ContactsTabs } from "./contacts-tabs";
import { displayName } from "./display-name";
import { NewContactForm } from "./new-contact-form";

/** All contacts, or only Messenger subscribers without email: search, newest first, more on demand. */
export function ContactsPage() {
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const [params, setParams] = useSearchParams();
  const show: ContactsShown =
    params.get("show") === "subscribers-without-email" ? "subscribers-without-email" : "all";
  const setShow = (next: ContactsShown) =>
    setParams(next === "all" ? {} : { show: next }, { replace: true });
  const [creating, setCreating] = useState(false);
  const contacts = useInfiniteQuery(contactsQuery(deferred, show));
  const rows = contacts.data?.pages.flatMap((p) => p.contacts) ?? [];
  return (
    <>
      <PageHeader
        title="Contacts"
        actions={
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New contact
          </button>
        }
      />
      <ContactsTabs />
      {creating && <NewContactForm onCancel={() => setCreating(false)} />}
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search contacts</span>
          <input
            type="search"
            placeholder="Search by email or name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label>
          <span>Show</span>{" "}
          <select value={show} onChange={(e) => setShow(e.target.value as ContactsShown)}>
            <option value="all">All contacts</option>
            <option value="subscribers-without-email">Messenger subscribers without email</option>
          </select>
        </label>
        <a className="button" href={contactsCsvUrl(deferred, show)} download>
          Export CSV
        </a>
      </div>
      {contacts.isPending && (
        <p role="status" className="loading">
          Loading contacts…
        </p>
      )}
      {contacts.error && <Alert kind="error">{contacts.error.message}</Alert>}
      {contacts.isSuccess && rows.length === 0 && (
        <p className="muted">
          {deferred
            ? `No contact matches “${deferred}”.`
            : show === "subscribers-without-email"
              ? "No Messenger subscribers without email. People who click Send to Messenger on your website without a personal link show here."
              : "No contacts yet. Add one, or import a CSV file."}
        </p>
      )}
      {rows.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Contacts</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/contacts/${c.id}`}>
                    <ContactLabel contact={c} />
                  </Link>
                </td>
                <td>{displayName(c.values)}</td>
                <td>{formatDateTime(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {contacts.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => contacts.fetchNextPage()}
          disabled={contacts.isFetchingNextPage}
        >
          {contacts.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}
