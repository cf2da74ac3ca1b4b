import { useQuery } from "@tanstack/react-query";
import { optInLinkFieldName } from "@waymark/domain";
import { useState } from "react";
import { Alert } from "../../ui/alert";
import { listsQuery } from "../contacts/contact-queries";

/**
 * The personal opt-in links of a whole list as CSV (issue 18), for an email or SMS program
 * elsewhere: its FBOPTINLINK_XXX column is the personalisation field to map there.
 */
export function OptInLinksExport(props: { profileId: string; optInFieldName: string }) {
  const lists = useQuery(listsQuery);
  const [listId, setListId] = useState("");
  const column = optInLinkFieldName(props.optInFieldName);
  return (
    <section className="card" aria-label="Opt-in links for a list">
      <h3>Opt-in links for a list</h3>
      <p className="muted">
        Download each member's personal opt-in link, in a column named <code>{column}</code>, to
        send it by email or SMS from another tool.
      </p>
      {lists.isPending && (
        <p role="status" className="loading">
          Loading lists…
        </p>
      )}
      {lists.error && <Alert kind="error">{lists.error.message}</Alert>}
      {lists.data && lists.data.lists.length === 0 && (
        <p className="muted">There are no lists yet.</p>
      )}
      {lists.data && lists.data.lists.length > 0 && (
        <div className="row">
          <label>
            <span className="visually-hidden">List to export</span>
            <select value={listId} onChange={(e) => setListId(e.target.value)}>
              <option value="">Choose a list…</option>
              {lists.data.lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          {listId ? (
            <a
              className="button"
              href={`/api/messenger/profiles/${props.profileId}/opt-in-links.csv?listId=${listId}`}
              download
            >
              Download opt-in links
            </a>
          ) : (
            <button type="button" className="button" disabled>
              Download opt-in links
            </button>
          )}
        </div>
      )}
    </section>
  );
}
