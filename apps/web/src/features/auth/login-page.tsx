import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { AuthFormLayout } from "./auth-form-layout";
import { safeNext } from "./safe-next";

/** Log in with email and password; returns to the page that asked for it. */
export function LoginPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: () => unwrap(api.auth.login.$post({ json: { email, password } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(safeNext(params.get("next")), { replace: true });
    },
  });
  const error = login.error instanceof ApiError ? login.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <AuthFormLayout title="Log in">
      <form onSubmit={onSubmit} noValidate>
        {error && <Alert kind="error">{error.message}</Alert>}
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={error?.fields.email}
          required
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={error?.fields.password}
          required
        />
        <button type="submit" className="button primary wide" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
      <p className="muted">
        New to Waymark? <Link to="/signup">Create an account</Link>
      </p>
      <p className="muted">
        Forgot your password? Ask your Waymark administrator for a reset link.
      </p>
    </AuthFormLayout>
  );
}
