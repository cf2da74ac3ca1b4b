import { Link } from "react-router";
import { formatDateTime } from "../../lib/format";
import type { ProgramSummary } from "./program-queries";
import { ProgramStatus } from "./program-status";

interface ProgramsTableProps {
  programs: readonly ProgramSummary[];
  busy: boolean;
  onDuplicate(program: ProgramSummary): void;
  onDelete(program: ProgramSummary): void;
}

/** The programs list: name, state, when and by whom it last changed, and row actions. */
export function ProgramsTable({ programs, busy, onDuplicate, onDelete }: ProgramsTableProps) {
  return (
    <table className="table">
      <caption className="visually-hidden">Programs</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Last modified</th>
          <th scope="col">Contacts in program</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {programs.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/programs/${p.id}`}>{p.name}</Link>
            </td>
            <td>
              <ProgramStatus status={p.status} />
            </td>
            <td>
              {formatDateTime(p.updatedAt)}{" "}
              <span className="muted">
                {p.updatedBy ? `by ${p.updatedBy.email}` : "through the API"}
              </span>
            </td>
            <td>{p.contactsInProgram.toLocaleString()}</td>
            <td className="row-actions">
              <button
                type="button"
                className="button small"
                aria-label={`Duplicate ${p.name}`}
                disabled={busy}
                onClick={() => onDuplicate(p)}
              >
                Duplicate
              </button>
              <button
                type="button"
                className="button small danger"
                aria-label={`Delete ${p.name}`}
                aria-describedby={p.status === "active" ? `active-${p.id}` : undefined}
                disabled={busy || p.status === "active"}
                onClick={() => onDelete(p)}
              >
                Delete
              </button>
              {p.status === "active" && (
                <span id={`active-${p.id}`} className="visually-hidden">
                  Deactivate the program to delete it
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
