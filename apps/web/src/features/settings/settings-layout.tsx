import { NavLink, Outlet } from "react-router";
import { PageHeader } from "../../ui/page-header";

/** Account settings with its section navigation. */
export function SettingsLayout() {
  return (
    <>
      <PageHeader title="Account settings" />
      <div className="settings">
        <nav aria-label="Account settings" className="side-nav">
          <p className="side-nav-heading">Channel management</p>
          <NavLink to="/settings/channels/messenger">Messenger</NavLink>
          <p className="side-nav-heading">Access</p>
          <NavLink to="/settings/account">Password and sessions</NavLink>
          <NavLink to="/settings/api-keys">API keys</NavLink>
        </nav>
        <section className="settings-body">
          <Outlet />
        </section>
      </div>
    </>
  );
}
