import { EmptyState } from "../../ui/empty-state";
import { PageHeader } from "../../ui/page-header";

/** Programs list (filled by the program builder). */
export function ProgramsPage() {
  return (
    <>
      <PageHeader title="Programs" />
      <EmptyState title="No programs yet">
        <p>
          Programs move contacts through steps such as Messenger messages, waits and decisions. The
          program builder is not part of this version of Waymark yet.
        </p>
      </EmptyState>
    </>
  );
}
