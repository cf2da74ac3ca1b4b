import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { listsQuery } from "../contacts/contact-queries";

/** The CSV of a list's members with their personal opt-in links for a profile. */
function optInLinksCsvUrl(profileId: string, listId: string): string {
  const url = api.messenger.profiles[":id"]["opt-in-links.csv"].$url({
    param: { id: profileId },
    query: { listId },
  });
  return `${url.pathname}${url.search}`;
}

/**
 * Downloads every member of a list with their personal opt-in link, to send in an email or SMS
 * from another tool (the link fills the contact's FBOPTIN field when they click).
 */
export function OptInLinksExport({ profileId }: { profileId: string }) {
  const lists = useQuery(listsQuery);
  const [listId, setListId] = useState("");
  return (
    <section className="card" aria-label="Opt-in links for a list">
      <h3>Opt-in links for a list</h3>
      <p className="muted">
        Download each member's personal opt-in link as a CSV file, to send them in an email or text
        message from another tool.
      </p>
      {lists.isPending && (
        <p role="status" className="muted">
          Loading lists…
        </p>
      )}
      {lists.error && <Alert kind="error">{lists.error.message}</Alert>}
      {lists.data && lists.data.lists.length === 0 && (
        <p className="muted">
          No lists yet. <Link to="/contacts/lists">Create a list</Link> first.
        </p>
      )}
      {lists.data && lists.data.lists.length > 0 && (
        <div className="row">
          <label>
            <span>List</span>{" "}
            <select value={listId} onChange={(e) => setListId(e.target.value)}>
              <option value="">Choose a list…</option>
              {lists.data.lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.memberCount.toLocaleString()})
                </option>
              ))}
            </select>
          </label>
          {listId ? (
            <a className="button" href={optInLinksCsvUrl(profileId, listId)} download>
              Download opt-in links (CSV)
            </a>
          ) : (
            <button type="button" className="button" disabled>
              Download opt-in links (CSV)
            </button>
          )}
        </div>
      )}
    </section>
  );
}
