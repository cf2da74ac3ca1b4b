import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { Field } from "../../ui/field";
import { apiKeysQuery } from "./api-key-queries";
import { NewKeyNotice } from "./new-key-notice";

/** Account settings > API keys: create (shown once), list and revoke. */
export function ApiKeysPage() {
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);

  const create = useMutation({
    mutationFn: () => unwrap(api["api-keys"].$post({ json: { name } })),
    onSuccess: (key) => {
      setCreated({ name: key.name, key: key.key });
      setName("");
      return queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api["api-keys"][":id"].revoke.$post({ param: { id } })),
    onSuccess: () => {
      setRevoking(null);
      return queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
    },
  });
  const createError = create.error instanceof ApiError ? create.error : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <>
      <h2>API keys</h2>
      <p className="muted">
        API keys let other systems use the <a href="/api/v1/docs">Waymark public API</a> for this
        account. Send a key as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      {created && (
        <NewKeyNotice name={created.name} secret={created.key} onDone={() => setCreated(null)} />
      )}
      <form onSubmit={onSubmit} className="inline-form" noValidate>
        <Field
          label="Key name"
          placeholder="e.g. CRM sync"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={
            createError?.fields.name ??
            (createError && !createError.fields.name ? createError.message : undefined)
          }
        />
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create API key"}
        </button>
      </form>

      {keys.isPending && (
        <p role="status" className="loading">
          Loading API keys…
        </p>
      )}
      {keys.error && <Alert kind="error">{keys.error.message}</Alert>}
      {revoke.error && <Alert kind="error">{revoke.error.message}</Alert>}
      {keys.data && keys.data.apiKeys.length === 0 && <p className="muted">No API keys yet.</p>}
      {keys.data && keys.data.apiKeys.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.apiKeys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{formatDateTime(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                <td>{key.revokedAt ? `Revoked ${formatDateTime(key.revokedAt)}` : "Active"}</td>
                <td>
                  {!key.revokedAt && (
                    <button
                      type="button"
                      className="button danger"
                      aria-label={`Revoke ${key.name}`}
                      onClick={() => setRevoking({ id: key.id, name: key.name })}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke API key?"
        confirmLabel="Revoke"
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      >
        <p>
          Systems using <strong>{revoking?.name}</strong> will stop working at once. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
