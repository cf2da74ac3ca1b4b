import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { listsQuery } from "./contact-queries";

interface Membership {
  id: string;
  name: string;
}

/** The lists a contact is on, with add and remove. */
export function ContactLists({
  contactId,
  memberships,
}: {
  contactId: string;
  memberships: Membership[];
}) {
  const lists = useQuery(listsQuery);
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState("");
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["contacts", contactId] }),
      queryClient.invalidateQueries({ queryKey: ["lists"] }),
    ]);
  const add = useMutation({
    mutationFn: (listId: string) =>
      unwrap(
        api.lists[":id"].members.$post({
          param: { id: listId },
          json: { contactIds: [contactId] },
        }),
      ),
    onSuccess: () => {
      setChoice("");
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (listId: string) =>
      unwrap(api.lists[":id"].members[":contactId"].$delete({ param: { id: listId, contactId } })),
    onSuccess: refresh,
  });
  const available = (lists.data?.lists ?? []).filter(
    (l) => !memberships.some((m) => m.id === l.id),
  );
  return (
    <section className="card" aria-label="Lists">
      <h2>Lists</h2>
      {(add.error || remove.error) && (
        <Alert kind="error">{(add.error ?? remove.error)?.message}</Alert>
      )}
      {memberships.length === 0 ? (
        <p className="muted">Not on any list.</p>
      ) : (
        <ul className="plain-list">
          {memberships.map((m) => (
            <li key={m.id} className="row">
              <Link to={`/contacts/lists/${m.id}`}>{m.name}</Link>
              <button
                type="button"
                className="button small"
                aria-label={`Remove from ${m.name}`}
                onClick={() => remove.mutate(m.id)}
                disabled={remove.isPending}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {available.length > 0 && (
        <div className="row">
          <label>
            <span className="visually-hidden">List to add to</span>
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose a list…</option>
              {available.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            disabled={!choice || add.isPending}
            onClick={() => add.mutate(choice)}
          >
            Add to list
          </button>
        </div>
      )}
    </section>
  );
}
