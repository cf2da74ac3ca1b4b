import { NavLink } from "react-router";

/** The Contacts area's sections. */
export function ContactsTabs() {
  return (
    <nav aria-label="Contacts" className="tabs">
      <NavLink to="/contacts" end>
        All contacts
      </NavLink>
      <NavLink to="/contacts/lists">Lists</NavLink>
      <NavLink to="/contacts/fields">Data fields</NavLink>
      <NavLink to="/contacts/import">Import CSV</NavLink>
    </nav>
  );
}
