import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FieldType, formatFieldValue } from "@waymark/domain";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { Field } from "../../ui/field";
import { PageHeader } from "../../ui/page-header";
import { ContactHistory } from "./contact-history";
import { contactLabelText } from "./contact-label";
import { ContactLists } from "./contact-lists";
import { contactQuery, dataFieldsQuery } from "./contact-queries";
import { FieldInput, toInputText } from "./field-input";
import { MergeContact } from "./merge-contact";

/** One contact: its email and data field values (editable), lists, and delete. */
export function ContactPage() {
  const { id = "" } = useParams();
  const contact = useQuery(contactQuery(id));
  const fields = useQuery(dataFieldsQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    if (!contact.data || !fields.data) return;
    setEmail(contact.data.email ?? "");
    setDraft(
      Object.fromEntries(
        fields.data.dataFields
          .filter((f) => !f.system)
          .map((f) => [f.name, toInputText(f.type, contact.data.values[f.name])]),
      ),
    );
  }, [contact.data, fields.data]);

  const save = useMutation({
    mutationFn: () => {
      const values = Object.fromEntries(
        Object.entries(draft).map(([name, text]) => [name, text === "" ? null : text]),
      );
      // A Messenger subscriber keeps having no email until one is typed in.
      const withEmail = email === "" && contact.data?.email === null ? {} : { email };
      return unwrap(api.contacts[":id"].$patch({ param: { id }, json: { ...withEmail, values } }));
    },
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["contacts"] });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.contacts[":id"].$delete({ param: { id } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["contacts"] });
      navigate("/contacts", { replace: true });
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;

  if (contact.isPending || fields.isPending) {
    return (
      <p role="status" className="loading">
        Loading contact…
      </p>
    );
  }
  if (contact.error) return <Alert kind="error">{contact.error.message}</Alert>;
  if (fields.error) return <Alert kind="error">{fields.error.message}</Alert>;

  const systemFields = fields.data.dataFields.filter((f) => f.system);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <>
      <p>
        <Link to="/contacts">← All contacts</Link>
      </p>
      <PageHeader
        title={contactLabelText(contact.data)}
        actions={
          <>
            <button type="button" className="button" onClick={() => setMerging(true)}>
              Merge with…
            </button>
            <button type="button" className="button danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          </>
        }
      />
      <div className="two-columns">
        <form onSubmit={onSubmit} className="card" aria-label="Contact details" noValidate>
          <h2>Details</h2>
          {saved && <Alert kind="success">Saved.</Alert>}
          {error && <Alert kind="error">{error.message}</Alert>}
          <Field
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={error?.fields.email}
          />
          {fields.data.dataFields
            .filter((f) => !f.system)
            .map((f) => (
              <FieldInput
                key={f.id}
                name={f.name}
                type={f.type as FieldType}
                value={draft[f.name] ?? ""}
                error={error?.fields[`values.${f.name}`]}
                onChange={(value) => setDraft((d) => ({ ...d, [f.name]: value }))}
              />
            ))}
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
        </form>
        <div>
          {merging && <MergeContact contact={contact.data} onClose={() => setMerging(false)} />}
          <ContactLists contactId={id} memberships={contact.data.lists} />
          {systemFields.length > 0 && (
            <section className="card" aria-label="Messenger opt-ins">
              <h2>Messenger opt-ins</h2>
              <dl className="facts">
                {systemFields.map((f) => (
                  <div key={f.id}>
                    <dt>{f.name}</dt>
                    <dd>
                      {contact.data.values[f.name] !== undefined
                        ? formatFieldValue("text", contact.data.values[f.name] as string)
                        : "Not opted in"}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          <ContactHistory contactId={id} />
          <p className="muted">
            Added {formatDateTime(contact.data.createdAt)} · updated{" "}
            {formatDateTime(contact.data.updatedAt)}
          </p>
        </div>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete contact?"
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate()}
      >
        <p>
          {contactLabelText(contact.data)} and all of their data will be deleted, and they are taken
          off every list. This cannot be undone.
        </p>
        {remove.error && <Alert kind="error">{remove.error.message}</Alert>}
      </ConfirmDialog>
    </>
  );
}
