import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Alert } from "../../ui/alert";
import { formatDay, REASON_KIND_LABELS } from "./statistics-format";
import { profileStatisticsQuery } from "./statistics-queries";
import "./statistics.css";

/** The usage statistics section of a Messenger profile's page (SPEC §8). */
export function ProfileStatistics({ profileId }: { profileId: string }) {
  const stats = useQuery(profileStatisticsQuery(profileId));
  return (
    <section className="card" aria-label="Usage statistics">
      <h3>Usage statistics</h3>
      {stats.isPending && (
        <p role="status" className="muted">
          Loading statistics…
        </p>
      )}
      {stats.error && <Alert kind="error">{stats.error.message}</Alert>}
      {stats.data && (
        <>
          <p className="stat-label">Messages delivered in the last 7 days</p>
          <p className="stat-headline">
            <Link
              to={`/settings/channels/messenger/${profileId}/statistics`}
              aria-label={`Messages delivered in the last 7 days: ${stats.data.delivered.toLocaleString()} (see the details)`}
            >
              {stats.data.delivered.toLocaleString()}
            </Link>
          </p>
          <p className="muted stats-note">
            {formatDay(stats.data.from)} – {formatDay(stats.data.to)} ({stats.data.timeZone}) ·{" "}
            {stats.data.sent.toLocaleString()} sent ·{" "}
            <Link to={`/settings/channels/messenger/${profileId}/statistics?show=warnings`}>
              {stats.data.warnings.toLocaleString()} warnings
            </Link>{" "}
            ·{" "}
            <Link to={`/settings/channels/messenger/${profileId}/statistics?show=errors`}>
              {stats.data.errors.toLocaleString()} errors
            </Link>
          </p>
          {stats.data.reconciled.found + stats.data.reconciled.neverReachedFacebook > 0 && (
            <p className="muted stats-note">
              Sends whose answer was lost, checked in Facebook's conversations:{" "}
              {stats.data.reconciled.found.toLocaleString()} found sent ·{" "}
              {stats.data.reconciled.neverReachedFacebook.toLocaleString()} never reached Facebook
            </p>
          )}
          {stats.data.reasons.length > 0 && (
            <table className="table compact">
              <caption className="table-caption">Messages not sent in the last 7 days</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Reason</th>
                  <th scope="col" className="stats-num">
                    Messages
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.data.reasons.map((r) => (
                  <tr key={`${r.kind}:${r.reason}:${r.detail ?? ""}`}>
                    <td>
                      <span className={`badge reason-${r.kind}`}>
                        {REASON_KIND_LABELS[r.kind] ?? r.kind}
                      </span>
                    </td>
                    <td>
                      {r.reason}
                      {r.detail && <span className="reason-detail">{r.detail}</span>}
                    </td>
                    <td className="stats-num">{r.count.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
