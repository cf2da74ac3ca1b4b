import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatCount } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { formatDay } from "./statistics-format";
import { profileOptInsQuery } from "./statistics-queries";
import "./statistics.css";

/**
 * The profile page's opt-ins over the last 7 days: people who clicked Send to Messenger, from
 * the website code without a personal link (new subscribers) or through a contact's own link,
 * and contacts merged into its subscribers.
 */
export function ProfileOptIns({ profileId }: { profileId: string }) {
  const optIns = useQuery(profileOptInsQuery(profileId));
  const data = optIns.data;
  return (
    <section className="card" aria-label="Opt-ins in the last 7 days">
      <h3>Opt-ins in the last 7 days</h3>
      {optIns.isPending && (
        <p role="status" className="muted">
          Loading opt-ins…
        </p>
      )}
      {optIns.error && <Alert kind="error">{optIns.error.message}</Alert>}
      {data && (
        <>
          <p className="muted stats-note">
            {formatCount(data.totals.website, "new subscriber", "new subscribers")} from the website
            · {formatCount(data.totals.personalLinks, "opt-in", "opt-ins")} through personal links ·{" "}
            <Link to="/contacts?show=subscribers-without-email">
              Messenger subscribers without email
            </Link>
          </p>
          <table className="table compact">
            <caption className="visually-hidden">
              Opt-ins per day, {formatDay(data.from)} – {formatDay(data.to)} ({data.timeZone})
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="stats-num">
                  From the website
                </th>
                <th scope="col" className="stats-num">
                  Through personal links
                </th>
                <th scope="col" className="stats-num">
                  Merged
                </th>
              </tr>
            </thead>
            <tbody>
              {[...data.days].reverse().map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatDay(d.date)}</th>
                  <td className="stats-num">{d.website.toLocaleString()}</td>
                  <td className="stats-num">{d.personalLinks.toLocaleString()}</td>
                  <td className="stats-num">{d.merged.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
