import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";
import type { ContactKind } from "./statistics-format";

/** A date range as the statistics routes take it: a preset number of days or from/to. */
export type RangeQuery = { days: string } | { from: string; to: string };

/** The profile page's figures: delivered in the last 7 days and reasons for not sending. */
export const profileStatisticsQuery = (id: string) =>
  queryOptions({
    queryKey: ["messenger-statistics", id, "summary"],
    queryFn: () => unwrap(api.messenger.statistics[":id"].$get({ param: { id } })),
  });

/** One row per date of the range. */
export const dailyStatisticsQuery = (id: string, range: RangeQuery) =>
  queryOptions({
    queryKey: ["messenger-statistics", id, "days", range],
    queryFn: () =>
      unwrap(api.messenger.statistics[":id"].days.$get({ param: { id }, query: range })),
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
