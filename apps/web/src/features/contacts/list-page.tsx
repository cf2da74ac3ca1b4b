import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { Field } from "../../ui/field";
import { PageHeader } from "../../ui/page-header";
import { ContactLabel, contactLabelText } from "./contact-label";
import { listMembersQuery, listQuery } from "./contact-queries";
import { displayName } from "./display-name";

/** One list: rename, delete, and its members with remove. */
export function ListPage() {
  const { id = "" } = useParams();
  const list = useQuery(listQuery(id));
  const members = useInfiniteQuery(listMembersQuery(id));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["lists"] });
  const rename = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.lists[":id"].$patch({ param: { id }, json: { name } })),
    onSuccess: () => {
      setRenaming(null);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.lists[":id"].$delete({ param: { id } })),
    onSuccess: async () => {
      await refresh();
      navigate("/contacts/lists", { replace: true });
    },
  });
  const removeMember = useMutation({
    mutationFn: (contactId: string) =>
      unwrap(api.lists[":id"].members[":contactId"].$delete({ param: { id, contactId } })),
    onSuccess: refresh,
  });
  if (list.isPending) {
    return (
      <p role="status" className="loading">
        Loading list…
      </p>
    );
  }
  if (list.error) return <Alert kind="error">{list.error.message}</Alert>;
  const renameError = rename.error instanceof ApiError ? rename.error : undefined;
  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (renaming !== null) rename.mutate(renaming);
  };
  const rows = members.data?.pages.flatMap((p) => p.members) ?? [];
  return (
    <>
      <p>
        <Link to="/contacts/lists">← Lists</Link>
      </p>
      <PageHeader
        title={list.data.name}
        actions={
          <>
            <button type="button" className="button" onClick={() => setRenaming(list.data.name)}>
              Rename
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              Delete
            </button>
          </>
        }
      />
      {renaming !== null && (
        <form onSubmit={onRename} className="inline-form" aria-label="Rename list">
          <Field
            label="List name"
            value={renaming}
            onChange={(e) => setRenaming(e.target.value)}
            error={renameError?.fields.name ?? renameError?.message}
          />
          <button type="submit" className="button primary" disabled={rename.isPending}>
            Save
          </button>
          <button type="button" className="button" onClick={() => setRenaming(null)}>
            Cancel
          </button>
        </form>
      )}
      <p className="muted">{list.data.memberCount.toLocaleString()} contacts</p>
      {removeMember.error && <Alert kind="error">{removeMember.error.message}</Alert>}
      {members.error && <Alert kind="error">{members.error.message}</Alert>}
      {rows.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Contacts on {list.data.name}</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Added to list</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/contacts/${m.id}`}>
                    <ContactLabel contact={m} />
                  </Link>
                </td>
                <td>{displayName(m.values)}</td>
                <td>{formatDateTime(m.addedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Remove ${contactLabelText(m)} from the list`}
                    onClick={() => removeMember.mutate(m.id)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {members.hasNextPage && (
        <button type="button" className="button" onClick={() => members.fetchNextPage()}>
          Show more
        </button>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${list.data.name}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate()}
      >
        <p>The list is deleted; its contacts stay in Waymark.</p>
        {remove.error && <Alert kind="error">{remove.error.message}</Alert>}
      </ConfirmDialog>
    </>
  );
}
