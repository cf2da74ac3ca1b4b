import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ApiError } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { meQuery } from "../auth/session-queries";

/** Renders its children for a signed-in user; sends everyone else to log in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery);
  const location = useLocation();
  if (me.isPending) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.error) {
    return (
      <main className="auth-page">
        <Alert kind="error">{me.error.message}</Alert>
      </main>
    );
  }
  return children;
}
