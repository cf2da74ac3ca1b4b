import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { PageHeader } from "../../ui/page-header";
import { listsQuery } from "./contact-queries";
import { ContactsTabs } from "./contacts-tabs";

/** Contacts > Lists: the account's lists with member counts; create one. */
export function ListsPage() {
  const lists = useQuery(listsQuery);
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => unwrap(api.lists.$post({ json: { name } })),
    onSuccess: () => {
      setName("");
      return queryClient.invalidateQueries({ queryKey: listsQuery.queryKey });
    },
  });
  const error = create.error instanceof ApiError ? create.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <PageHeader title="Contacts" />
      <ContactsTabs />
      <form onSubmit={onSubmit} className="inline-form" aria-label="New list" noValidate>
        <Field
          label="New list name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={error?.fields.name ?? (error && !error.fields.name ? error.message : undefined)}
        />
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create list"}
        </button>
      </form>
      {lists.isPending && (
        <p role="status" className="loading">
          Loading lists…
        </p>
      )}
      {lists.error && <Alert kind="error">{lists.error.message}</Alert>}
      {lists.data && lists.data.lists.length === 0 && (
        <p className="muted">No lists yet. Create one, or import a CSV file into a new list.</p>
      )}
      {lists.data && lists.data.lists.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Lists</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Contacts</th>
            </tr>
          </thead>
          <tbody>
            {lists.data.lists.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/contacts/lists/${l.id}`}>{l.name}</Link>
                </td>
                <td>{l.memberCount.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
