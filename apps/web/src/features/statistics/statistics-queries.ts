import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";
import type { ContactKind } from "./statistics-format";

/**
 * How often figures on screen are read again while the page is visible (TanStack Query pauses
 * the interval in a hidden tab), so the profile page, the list and the drill-down agree.
 */
export const STATISTICS_REFRESH_MS = 5_000;

/** A date range as the statistics routes take it: a preset number of days or from/to. */
export type RangeQuery = { days: string } | { from: string; to: string };

/** A profile's last 7 days (profile page, profiles list, overview): one cache entry for all. */
export const profileStatisticsQuery = (id: string) =>
  queryOptions({
    queryKey: ["messenger-statistics", id, "summary"],
    queryFn: () => unwrap(api.messenger.statistics[":id"].$get({ param: { id } })),
    refetchInterval: STATISTICS_REFRESH_MS,
  });

/** A profile's new Messenger subscribers per day over the last 7 days, by where they came from. */
export const profileOptInsQuery = (id: string) =>
  queryOptions({
    queryKey: ["messenger-statistics", id, "opt-ins"],
    queryFn: () => unwrap(api.messenger.statistics[":id"]["opt-ins"].$get({ param: { id } })),
    refetchInterval: STATISTICS_REFRESH_MS,
  });

/** One row per date of the range. */
export const dailyStatisticsQuery = (id: string, range: RangeQuery) =>
  queryOptions({
    queryKey: ["messenger-statistics", id, "days", range],
    queryFn: () =>
      unwrap(api.messenger.statistics[":id"].days.$get({ param: { id }, query: range })),
    refetchInterval: STATISTICS_REFRESH_MS,
  });

export interface ContactListParams {
  kind: ContactKind;
  from: string;
  to: string;
  order: "newest" | "oldest";
}

/** The contacts behind a number, page by page (keyset cursors). */
export const messageContactsQuery = (id: string, params: ContactListParams) =>
  infiniteQueryOptions({
    queryKey: ["messenger-statistics", id, "contacts", params],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.messenger.statistics[":id"].contacts.$get({
          param: { id },
          query: { ...params, cursor: pageParam ?? undefined, limit: "50" },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** Where the browser downloads the contact list as CSV (streamed by the server). */
export function contactsCsvUrl(id: string, params: ContactListParams): string {
  const url = api.messenger.statistics[":id"]["contacts.csv"].$url({
    param: { id },
    query: params,
  });
  return `${url.pathname}${url.search}`;
}
