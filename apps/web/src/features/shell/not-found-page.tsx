import { Link } from "react-router";
import { EmptyState } from "../../ui/empty-state";

/** Shown for an address the app does not know. */
export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <p>
        There is nothing at this address. Go to <Link to="/programs">Programs</Link>.
      </p>
    </EmptyState>
  );
}
