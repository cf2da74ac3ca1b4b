import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { Alert } from "../../ui/alert";
import { type ChartSeries, DailyChart } from "./daily-chart";
import { ReasonList } from "./reason-list";
import { type ContactKind, formatDay, KIND_LABELS, reasonsOf } from "./statistics-format";
import { dailyStatisticsQuery, type RangeQuery } from "./statistics-queries";
import "./statistics.css";

type Show = "all" | ContactKind;
const SHOW_OPTIONS: { value: Show; label: string }[] = [
  { value: "all", label: "All figures" },
  { value: "warnings", label: "Warnings" },
  { value: "errors", label: "Errors" },
  { value: "sent", label: "Messages sent" },
  { value: "delivered", label: "Messages delivered" },
];
const RANGE_OPTIONS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "custom", label: "Custom dates" },
] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface View {
  show: Show;
  preset: "7" | "30" | "custom";
  from: string;
  to: string;
}

/** The view a link or reload asks for: `show`, `range` (7, 30, custom) with `from` and `to`. */
function readView(params: URLSearchParams): View {
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const custom = params.get("range") === "custom" && DATE.test(from) && DATE.test(to);
  return {
    show: SHOW_OPTIONS.find((o) => o.value === params.get("show"))?.value ?? "all",
    preset: custom ? "custom" : params.get("range") === "30" ? "30" : "7",
    from: custom ? from : "",
    to: custom ? to : "",
  };
}

/** Where a number of the table leads: the contacts behind it. */
function contactsLink(profileId: string, kind: ContactKind, from: string, to: string) {
  return `/settings/channels/messenger/${profileId}/statistics/contacts?${new URLSearchParams({ kind, from, to })}`;
}

/**
 * The drill-down of a profile's usage statistics (SPEC §8): a chart and one row per date with
 * Messages sent, Messages delivered, Warning message (the node did not send) and Errors
 * (Facebook refused or did not answer), each with its reasons, filtered by kind and date range.
 * Every number opens the contacts behind it.
 */
export function StatisticsPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  // The filters live in state (a radio answers at once) and are mirrored into the address, so
  // a link or a reload shows the same view.
  const [view, setView] = useState(() => readView(params));
  const range: RangeQuery =
    view.preset === "custom" ? { from: view.from, to: view.to } : { days: view.preset };
  const daily = useQuery({ ...dailyStatisticsQuery(id, range), placeholderData: keepPreviousData });
  const [draft, setDraft] = useState({ from: view.from, to: view.to });
  const show = view.show;

  const change = (next: View) => {
    setView(next);
    const search = new URLSearchParams();
    if (next.show !== "all") search.set("show", next.show);
    if (next.preset !== "7") search.set("range", next.preset);
    if (next.preset === "custom") {
      search.set("from", next.from);
      search.set("to", next.to);
    }
    setParams(search, { replace: true });
  };
  const chooseRange = (value: View["preset"]) => {
    if (value === "custom") {
      const current = { from: daily.data?.from ?? view.from, to: daily.data?.to ?? view.to };
      setDraft(current);
      change({ ...view, preset: "custom", ...current });
    } else {
      change({ ...view, preset: value });
    }
  };
  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    change({ ...view, preset: "custom", ...draft });
  };

  const data = daily.data;
  const columns = {
    sent: show === "all" || show === "sent",
    delivered: show === "all" || show === "delivered",
    warnings: show === "all" || show === "warnings",
    errors: show === "all" || show === "errors",
  };
  const series: ChartSeries[] = (["sent", "delivered", "warnings", "errors"] as const).filter(
    (key) => columns[key],
  );
  const back = `${location.pathname}${location.search}`;
  const numberCell = (
    kind: ContactKind,
    value: number,
    dayFrom: string,
    dayTo: string,
    label: string,
  ) =>
    value > 0 ? (
      <Link
        to={contactsLink(id, kind, dayFrom, dayTo)}
        state={{ back }}
        aria-label={`${KIND_LABELS[kind]} ${label}: ${value.toLocaleString()}`}
      >
        {value.toLocaleString()}
      </Link>
    ) : (
      <span className="muted">0</span>
    );

  return (
    <>
      <p>
        <Link to={`/settings/channels/messenger/${id}`}>← {data?.profileName ?? "Profile"}</Link>
      </p>
      <h2>Usage statistics{data ? `: ${data.profileName}` : ""}</h2>
      <div className="stats-filters">
        <fieldset className="fieldset">
          <legend>Show</legend>
          <div className="row">
            {SHOW_OPTIONS.map((o) => (
              <label key={o.value} className="stats-choice">
                <input
                  type="radio"
                  name="show"
                  value={o.value}
                  checked={show === o.value}
                  onChange={() => change({ ...view, show: o.value })}
                />
                {o.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Dates</legend>
          <div className="row">
            {RANGE_OPTIONS.map((o) => (
              <label key={o.value} className="stats-choice">
                <input
                  type="radio"
                  name="range"
                  value={o.value}
                  checked={view.preset === o.value}
                  onChange={() => chooseRange(o.value)}
                />
                {o.label}
              </label>
            ))}
          </div>
          {view.preset === "custom" && (
            <form className="row stats-custom" onSubmit={applyCustom} aria-label="Custom dates">
              <label className="stats-choice">
                From
                <input
                  type="date"
                  value={draft.from}
                  max={draft.to}
                  required
                  onChange={(e) => setDraft({ ...draft, from: e.target.value })}
                />
              </label>
              <label className="stats-choice">
                To
                <input
                  type="date"
                  value={draft.to}
                  min={draft.from}
                  required
                  onChange={(e) => setDraft({ ...draft, to: e.target.value })}
                />
              </label>
              <button type="submit" className="button small">
                Apply
              </button>
            </form>
          )}
        </fieldset>
      </div>
      {daily.error && <Alert kind="error">{daily.error.message}</Alert>}
      {daily.isPending && (
        <p role="status" className="loading">
          Loading statistics…
        </p>
      )}
      {data && (
        <>
          <p className="muted">
            {formatDay(data.from)} – {formatDay(data.to)}, dates in {data.timeZone}
          </p>
          <DailyChart days={data.days} series={series} />
          <table className="table stats-table">
            <caption className="visually-hidden">Messages by date</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                {columns.sent && (
                  <th scope="col" className="stats-num">
                    Messages sent
                  </th>
                )}
                {columns.delivered && (
                  <th scope="col" className="stats-num">
                    Messages delivered
                  </th>
                )}
                {columns.warnings && <th scope="col">Warning message</th>}
                {columns.errors && <th scope="col">Errors</th>}
              </tr>
            </thead>
            <tbody>
              {[...data.days].reverse().map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatDay(d.date)}</th>
                  {columns.sent && (
                    <td className="stats-num">
                      {numberCell("sent", d.sent, d.date, d.date, `on ${formatDay(d.date)}`)}
                    </td>
                  )}
                  {columns.delivered && (
                    <td className="stats-num">
                      {numberCell(
                        "delivered",
                        d.delivered,
                        d.date,
                        d.date,
                        `on ${formatDay(d.date)}`,
                      )}
                    </td>
                  )}
                  {columns.warnings && (
                    <td>
                      {numberCell(
                        "warnings",
                        d.warnings,
                        d.date,
                        d.date,
                        `on ${formatDay(d.date)}`,
                      )}
                      <ReasonList reasons={reasonsOf(d.reasons, "warnings")} />
                    </td>
                  )}
                  {columns.errors && (
                    <td>
                      {numberCell("errors", d.errors, d.date, d.date, `on ${formatDay(d.date)}`)}
                      <ReasonList reasons={reasonsOf(d.reasons, "errors")} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {columns.sent && (
                  <td className="stats-num">
                    {numberCell("sent", data.totals.sent, data.from, data.to, "in the whole range")}
                  </td>
                )}
                {columns.delivered && (
                  <td className="stats-num">
                    {numberCell(
                      "delivered",
                      data.totals.delivered,
                      data.from,
                      data.to,
                      "in the whole range",
                    )}
                  </td>
                )}
                {columns.warnings && (
                  <td>
                    {numberCell(
                      "warnings",
                      data.totals.warnings,
                      data.from,
                      data.to,
                      "in the whole range",
                    )}
                  </td>
                )}
                {columns.errors && (
                  <td>
                    {numberCell(
                      "errors",
                      data.totals.errors,
                      data.from,
                      data.to,
                      "in the whole range",
                    )}
                  </td>
                )}
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </>
  );
}
