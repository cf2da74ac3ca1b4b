import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";

/** Creates a contact from an email and a name, then opens it. */
export function NewContactForm({ onCancel }: { onCancel(): void }) {
  const [email, setEmail] = useState("");
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.contacts.$post({
          json: {
            email,
            values: { ...(first && { FIRSTNAME: first }), ...(last && { LASTNAME: last }) },
          },
        }),
      ),
    onSuccess: async (contact) => {
      await queryClient.invalidateQueries({ queryKey: ["contacts"] });
      navigate(`/contacts/${contact.id}`);
    },
  });
  const error = create.error instanceof ApiError ? create.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="card" aria-label="New contact" noValidate>
      <h2>New contact</h2>
      {error && !error.fields.email && <Alert kind="error">{error.message}</Alert>}
      <Field
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error?.fields.email}
      />
      <div className="row">
        <Field label="First name" value={first} onChange={(e) => setFirst(e.target.value)} />
        <Field label="Last name" value={last} onChange={(e) => setLast(e.target.value)} />
      </div>
      <div className="row">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create contact"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
