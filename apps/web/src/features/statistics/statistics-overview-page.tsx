import { useQueries, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Alert } from "../../ui/alert";
import { EmptyState } from "../../ui/empty-state";
import { PageHeader } from "../../ui/page-header";
import { profilesQuery } from "../messenger/profile-queries";
import { profileStatisticsQuery } from "./statistics-queries";
import "./statistics.css";

/**
 * Usage statistics from the main navigation: every Messenger profile's last 7 days, each
 * linking to its drill-down (the figures otherwise sit inside a profile's settings).
 */
export function StatisticsOverviewPage() {
  const profiles = useQuery(profilesQuery);
  const list = profiles.data?.profiles ?? [];
  const stats = useQueries({ queries: list.map((p) => profileStatisticsQuery(p.id)) });
  return (
    <>
      <PageHeader title="Usage statistics" />
      {profiles.isPending && (
        <p role="status" className="loading">
          Loading statistics…
        </p>
      )}
      {profiles.error && <Alert kind="error">{profiles.error.message}</Alert>}
      {profiles.data && list.length === 0 && (
        <EmptyState title="No Messenger profiles yet">
          <p>
            Statistics count the Messenger messages your programs send through a profile.{" "}
            <Link to="/settings/channels/messenger/new">Connect a Messenger profile</Link> to start.
          </p>
        </EmptyState>
      )}
      {list.length > 0 && (
        <div className="card">
          <table className="table">
            <caption className="table-caption">Messenger profiles, last 7 days</caption>
            <thead>
              <tr>
                <th scope="col">Profile</th>
                <th scope="col" className="stats-num">
                  Delivered
                </th>
                <th scope="col" className="stats-num">
                  Sent
                </th>
                <th scope="col" className="stats-num">
                  Warnings
                </th>
                <th scope="col" className="stats-num">
                  Errors
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((profile, i) => {
                const figures = stats[i];
                const cell = (value: number | undefined) =>
                  figures?.error ? "–" : value === undefined ? "…" : value.toLocaleString();
                return (
                  <tr key={profile.id}>
                    <th scope="row">
                      <Link to={`/settings/channels/messenger/${profile.id}/statistics`}>
                        {profile.name}
                      </Link>
                      {figures?.error && (
                        <span className="field-error">{figures.error.message}</span>
                      )}
                    </th>
                    <td className="stats-num">{cell(figures?.data?.delivered)}</td>
                    <td className="stats-num">{cell(figures?.data?.sent)}</td>
                    <td className="stats-num">{cell(figures?.data?.warnings)}</td>
                    <td className="stats-num">{cell(figures?.data?.errors)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
