import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NavLink, Outlet, useNavigate } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { healthQuery, meQuery } from "../auth/session-queries";

/** Header, main navigation and the current page. */
export function AppShell() {
  const me = useQuery(meQuery);
  const health = useQuery(healthQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => unwrap(api.auth.logout.$post()),
    onSettled: () => {
      queryClient.clear();
      navigate("/login", { replace: true });
    },
  });
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Waymark</span>
        {health.data?.facebook === "sandbox" && (
          <span className="badge" title="Facebook is emulated by the built-in sandbox">
            Sandbox
          </span>
        )}
        <nav aria-label="Main" className="main-nav">
          <NavLink to="/programs">Programs</NavLink>
          <NavLink to="/contacts">Contacts</NavLink>
          <NavLink to="/statistics">Statistics</NavLink>
          <NavLink to="/settings">Account settings</NavLink>
        </nav>
        <div className="account-menu">
          <span className="muted" title={me.data?.email}>
            {me.data?.accountName}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
          >
            Log out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
