import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FIELD_TYPE_LABELS, FIELD_TYPES, type FieldType } from "@waymark/domain";
import { type FormEvent, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { Field } from "../../ui/field";
import { PageHeader } from "../../ui/page-header";
import { dataFieldsQuery } from "./contact-queries";
import { ContactsTabs } from "./contacts-tabs";
import { EditDefaultButton } from "./edit-default-button";

/** Contacts > Data fields: list, create, edit default, delete. */
export function DataFieldsPage() {
  const fields = useQuery(dataFieldsQuery);
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [type, setType] = useState<FieldType>("text");
  const [defaultValue, setDefaultValue] = useState("");
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: dataFieldsQuery.queryKey });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api["data-fields"].$post({ json: { name, type, defaultValue: defaultValue || null } }),
      ),
    onSuccess: () => {
      setName("");
      setDefaultValue("");
      return invalidate();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api["data-fields"][":id"].$delete({ param: { id } })),
    onSuccess: () => {
      setDeleting(null);
      return invalidate();
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
      <form onSubmit={onSubmit} className="card" aria-label="New data field" noValidate>
        <h2>New data field</h2>
        {error && !error.fields.name && !error.fields.defaultValue && (
          <Alert kind="error">{error.message}</Alert>
        )}
        <div className="row align-start">
          <Field
            label="Field name"
            hint="Upper case letters, digits and _, e.g. CITY"
            value={name}
            onChange={(e) => setName(e.target.value.toUpperCase())}
            error={error?.fields.name}
          />
          <div className="field">
            <label htmlFor="new-field-type">Type</label>
            <select
              id="new-field-type"
              value={type}
              onChange={(e) => setType(e.target.value as FieldType)}
            >
              {FIELD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {FIELD_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Default value"
            hint="Used in messages when a contact has no value"
            value={defaultValue}
            onChange={(e) => setDefaultValue(e.target.value)}
            error={error?.fields.defaultValue}
          />
        </div>
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create field"}
        </button>
      </form>
      {fields.isPending && (
        <p role="status" className="loading">
          Loading data fields…
        </p>
      )}
      {fields.error && <Alert kind="error">{fields.error.message}</Alert>}
      {fields.data && (
        <table className="table">
          <caption className="visually-hidden">Data fields</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Default value</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.data.dataFields.map((f) => (
              <tr key={f.id}>
                <td>
                  <code>{f.name}</code>
                  {f.system && (
                    <span
                      className="badge subtle"
                      title="Created by a Messenger profile; read-only"
                    >
                      System · read-only
                    </span>
                  )}
                </td>
                <td>{FIELD_TYPE_LABELS[f.type as FieldType]}</td>
                <td>{f.defaultDisplay ?? <span className="muted">None</span>}</td>
                <td className="row">
                  {!f.system && (
                    <>
                      <EditDefaultButton field={f} />
                      <button
                        type="button"
                        className="button danger small"
                        aria-label={`Delete ${f.name}`}
                        onClick={() => {
                          remove.reset();
                          setDeleting({ id: f.id, name: f.name });
                        }}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "field"}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      >
        <p>Every contact's value for this field is deleted with it.</p>
        {remove.error && <Alert kind="error">{remove.error.message}</Alert>}
      </ConfirmDialog>
    </>
  );
}
