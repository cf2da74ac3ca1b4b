import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { AuthFormLayout } from "./auth-form-layout";

/** The token rides in the link's fragment (#token=…), so it never reaches server logs. */
function tokenFrom(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? "";
}

/** Sets a new password with the one-time link from `npm run reset-password`, then opens the app. */
export function ResetPasswordPage() {
  const token = tokenFrom(useLocation().hash);
  const [newPassword, setNewPassword] = useState("");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: () => unwrap(api.auth["password-reset"].$post({ json: { token, newPassword } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate("/programs", { replace: true });
    },
  });
  const error = reset.error instanceof ApiError ? reset.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  if (!token) {
    return (
      <AuthFormLayout title="Set a new password">
        <Alert kind="error">
          This page needs the whole reset link. Ask your Waymark administrator for a new one.
        </Alert>
        <p className="muted">
          <Link to="/login">Back to log in</Link>
        </p>
      </AuthFormLayout>
    );
  }
  return (
    <AuthFormLayout title="Set a new password">
      <form onSubmit={onSubmit} noValidate>
        {error && !error.fields.newPassword && <Alert kind="error">{error.message}</Alert>}
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          error={error?.fields.newPassword}
          required
        />
        <button type="submit" className="button primary wide" disabled={reset.isPending}>
          {reset.isPending ? "Saving…" : "Set new password"}
        </button>
      </form>
      <p className="muted">
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthFormLayout>
  );
}
