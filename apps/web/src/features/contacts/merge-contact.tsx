import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ContactMergeResult, fieldLabel } from "@waymark/domain";
import { useDeferredValue, useState } from "react";
import { api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { ContactLabel, contactLabelText } from "./contact-label";

interface Contact {
  id: string;
  email: string | null;
  values: Record<string, unknown>;
}

/**
 * "Merge with…" on a contact page (issue 18): find another contact, see what this contact keeps
 * and gains, confirm, and the other contact is merged into this one and deleted.
 */
export function MergeContact(props: { contact: Contact; onClose(): void }) {
  const { contact } = props;
  const [search, setSearch] = useState("");
  const term = useDeferredValue(search.trim());
  const [chosen, setChosen] = useState<Contact | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ result: ContactMergeResult; label: string } | null>(null);
  const queryClient = useQueryClient();

  const found = useQuery({
    queryKey: ["contacts", { search: term, merge: true }],
    queryFn: () => unwrap(api.contacts.$get({ query: { search: term, limit: "10" } })),
    enabled: term.length > 0 && !chosen,
  });
  const preview = useQuery({
    queryKey: ["contacts", contact.id, "merge-preview", chosen?.id],
    queryFn: () =>
      unwrap(
        api.contacts[":id"]["merge-preview"].$get({
          param: { id: contact.id },
          query: { from: chosen!.id },
        }),
      ),
    enabled: chosen !== null,
  });
  const merge = useMutation({
    mutationFn: () =>
      unwrap(
        api.contacts[":id"].merge.$post({ param: { id: contact.id }, json: { from: chosen!.id } }),
      ),
    onSuccess: async (result) => {
      setDone({ result, label: contactLabelText(chosen!) });
      setConfirming(false);
      setChosen(null);
      setSearch("");
      await queryClient.invalidateQueries({ queryKey: ["contacts"] });
    },
  });

  const candidates = (found.data?.contacts ?? []).filter((c) => c.id !== contact.id);
  const p = preview.data;
  return (
    <section className="card" aria-label="Merge with another contact">
      <h2>Merge with another contact</h2>
      {done && (
        <Alert kind="success">
          {done.label} was merged into this contact
          {done.result.status === "already_merged" ? " before" : ""}.
        </Alert>
      )}
      {!chosen ? (
        <>
          <p className="muted">
            The contact you choose is merged into {contactLabelText(contact)}, which keeps its email
            and values.
          </p>
          <label className="search">
            <span>Find the contact to merge in</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          {found.isFetching && (
            <p role="status" className="loading">
              Searching…
            </p>
          )}
          {found.error && <Alert kind="error">{found.error.message}</Alert>}
          {term && found.isSuccess && candidates.length === 0 && (
            <p className="muted">No other contact matches “{term}”.</p>
          )}
          {candidates.length > 0 && (
            <ul className="plain-list" aria-label="Matching contacts">
              {candidates.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Choose ${contactLabelText(c)}`}
                    onClick={() => setChosen(c)}
                  >
                    <ContactLabel contact={c} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button" onClick={props.onClose}>
            Close
          </button>
        </>
      ) : (
        <>
          <h3>What {contactLabelText(contact)} keeps</h3>
          {preview.isPending && (
            <p role="status" className="loading">
              Working out what is kept…
            </p>
          )}
          {preview.error && <Alert kind="error">{preview.error.message}</Alert>}
          {p && (
            <dl className="facts" aria-label="Merge preview">
              <div>
                <dt>Email</dt>
                <dd>{p.email ?? "None (Messenger subscriber)"}</dd>
              </div>
              <div>
                <dt>Fields filled</dt>
                <dd>
                  {p.filledFields.length === 0
                    ? "None"
                    : p.filledFields
                        .map((f) => `${fieldLabel(f.name)}: ${String(f.value)}`)
                        .join(", ")}
                </dd>
              </div>
              <div>
                <dt>Lists added</dt>
                <dd>
                  {p.listsAdded.length === 0 ? "None" : p.listsAdded.map((l) => l.name).join(", ")}
                </dd>
              </div>
              <div>
                <dt>Programs</dt>
                <dd>
                  {p.programs.length === 0
                    ? "None"
                    : p.programs
                        .map((g) => (g.ends ? `${g.name} (ends: already in it)` : g.name))
                        .join(", ")}
                </dd>
              </div>
            </dl>
          )}
          <div className="row">
            <button
              type="button"
              className="button danger"
              disabled={!p}
              onClick={() => setConfirming(true)}
            >
              Merge…
            </button>
            <button type="button" className="button" onClick={() => setChosen(null)}>
              Choose another
            </button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Merge contacts?"
        confirmLabel="Merge"
        busy={merge.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => merge.mutate()}
      >
        {chosen && p && (
          <p>
            {contactLabelText(chosen)} will be merged into {contactLabelText(contact)} and then
            deleted. {contactLabelText(contact)} keeps{" "}
            {p.email ? `the email ${p.email}` : "no email"}, gains{" "}
            {count(p.filledFields.length, "field value")} and {count(p.listsAdded.length, "list")},
            and takes over their program history and {count(p.messagesMoved, "Messenger message")}.
            This cannot be undone.
          </p>
        )}
        {merge.error && <Alert kind="error">{merge.error.message}</Alert>}
      </ConfirmDialog>
    </section>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
