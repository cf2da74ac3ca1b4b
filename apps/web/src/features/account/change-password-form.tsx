import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";

/** Current and new password; changing it logs every other browser out. */
export function ChangePasswordForm() {
  const [form, setForm] = useState({ currentPassword: "", newPassword: "" });
  const change = useMutation({
    mutationFn: () => unwrap(api.auth.password.$post({ json: form })),
    onSuccess: () => setForm({ currentPassword: "", newPassword: "" }),
  });
  const error = change.error instanceof ApiError ? change.error : undefined;
  const fieldError = error && Object.keys(error.fields).length > 0;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="card" aria-labelledby="change-password-title" noValidate>
      <h3 id="change-password-title">Change password</h3>
      {change.isSuccess && (
        <Alert kind="success">
          Your password is changed. Every other browser using your login was logged out.
        </Alert>
      )}
      {error && !fieldError && <Alert kind="error">{error.message}</Alert>}
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={form.currentPassword}
        onChange={set("currentPassword")}
        error={error?.fields.currentPassword}
        required
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters"
        value={form.newPassword}
        onChange={set("newPassword")}
        error={error?.fields.newPassword}
        required
      />
      <button type="submit" className="button primary" disabled={change.isPending}>
        {change.isPending ? "Changing password…" : "Change password"}
      </button>
    </form>
  );
}
