import { Link } from "react-router";
import { Alert } from "../../ui/alert";

export interface ImportReportData {
  listId: string | null;
  created: number;
  updated: number;
  invalid: number;
  duplicates: number;
  rowsRead: number;
  errors: { line: number; kind: string; email?: string; reason: string }[];
}

/** The summary at the end of an import, with every rejected or replaced row by line. */
export function ImportReport({ report, listName }: { report: ImportReportData; listName: string }) {
  return (
    <section className="card" aria-label="Import summary">
      <Alert kind={report.invalid > 0 ? "info" : "success"}>
        <p>
          <strong>Import finished.</strong> {report.rowsRead.toLocaleString()} rows read:{" "}
          {report.created.toLocaleString()} new contacts, {report.updated.toLocaleString()} updated,{" "}
          {report.invalid.toLocaleString()} rejected, {report.duplicates.toLocaleString()} duplicate
          emails.
        </p>
        {report.listId && (
          <p>
            They are on the list <Link to={`/contacts/lists/${report.listId}`}>{listName}</Link>.
          </p>
        )}
      </Alert>
      {report.errors.length > 0 && (
        <table className="table">
          <caption>Rows to check</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={`${e.line}-${e.kind}-${e.email ?? ""}`}>
                <td>{e.line}</td>
                <td>{e.email ?? ""}</td>
                <td>
                  {e.kind === "duplicate" ? `Replaced: ${e.reason}` : `Rejected: ${e.reason}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
