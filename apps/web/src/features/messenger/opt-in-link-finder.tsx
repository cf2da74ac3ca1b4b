import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { ContactLabel } from "../contacts/contact-label";
import { CopyButton } from "./copy-button";

/** Finds a contact and shows their personal opt-in link for this profile. */
export function OptInLinkFinder({ profileId }: { profileId: string }) {
  const [search, setSearch] = useState("");
  const [contactId, setContactId] = useState<string | null>(null);
  const deferred = useDeferredValue(search.trim());
  const matches = useQuery({
    queryKey: ["contacts", { search: deferred, picker: true }],
    queryFn: () => unwrap(api.contacts.$get({ query: { search: deferred, limit: "8" } })),
    enabled: deferred.length > 1,
  });
  const link = useQuery({
    queryKey: ["opt-in-link", profileId, contactId],
    queryFn: () =>
      unwrap(
        api.messenger.profiles[":id"]["opt-in-links"][":contactId"].$get({
          param: { id: profileId, contactId: contactId ?? "" },
        }),
      ),
    enabled: Boolean(contactId),
  });
  return (
    <section className="card" aria-label="Opt-in link for a contact">
      <h3>Opt-in link for a contact</h3>
      <p className="muted">
        Each contact has a personal opt-in page. Send them its link (in an email, say): when they
        click Send to Messenger there, their FBOPTIN field is filled in.
      </p>
      <label className="field">
        <span>Find a contact</span>
        <input
          type="search"
          placeholder="Email or name"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setContactId(null);
          }}
        />
      </label>
      {matches.data && !contactId && (
        <ul className="plain-list">
          {matches.data.contacts.map((c) => (
            <li key={c.id}>
              <button type="button" className="button small" onClick={() => setContactId(c.id)}>
                <ContactLabel contact={c} />
              </button>
            </li>
          ))}
          {matches.data.contacts.length === 0 && <li className="muted">No contact matches.</li>}
        </ul>
      )}
      {link.error && <Alert kind="error">{link.error.message}</Alert>}
      {link.data && (
        <div className="row">
          <a
            href={link.data.url}
            target="_blank"
            rel="noreferrer"
            aria-label="Contact's opt-in link"
          >
            {link.data.url}
          </a>
          <CopyButton text={link.data.url} label="Copy link" />
        </div>
      )}
    </section>
  );
}
