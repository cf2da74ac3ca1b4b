import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { AuthFormLayout } from "./auth-form-layout";

/** Creates an account and its first user, then opens the app. */
export function SignUpPage() {
  const [form, setForm] = useState({ accountName: "", email: "", password: "" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signUp = useMutation({
    mutationFn: () => unwrap(api.auth.signup.$post({ json: form })),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate("/programs", { replace: true });
    },
  });
  const error = signUp.error instanceof ApiError ? signUp.error : undefined;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate();
  };
  return (
    <AuthFormLayout title="Create your account">
      <form onSubmit={onSubmit} noValidate>
        {error && <Alert kind="error">{error.message}</Alert>}
        <Field
          label="Account name"
          hint="Your business or team"
          autoComplete="organization"
          value={form.accountName}
          onChange={set("accountName")}
          error={error?.fields.accountName}
          required
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set("email")}
          error={error?.fields.email}
          required
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
          value={form.password}
          onChange={set("password")}
          error={error?.fields.password}
          required
        />
        <button type="submit" className="button primary wide" disabled={signUp.isPending}>
          {signUp.isPending ? "Creating account…" : "Sign up"}
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </AuthFormLayout>
  );
}
