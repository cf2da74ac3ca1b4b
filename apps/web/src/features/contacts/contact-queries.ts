import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";

/** The account's data fields. */
export const dataFieldsQuery = queryOptions({
  queryKey: ["data-fields"],
  queryFn: () => unwrap(api["data-fields"].$get()),
});

/** The account's lists with member counts. */
export const listsQuery = queryOptions({
  queryKey: ["lists"],
  queryFn: () => unwrap(api.lists.$get()),
});

/** Which contacts the Contacts page lists (the server's `show`). */
export type ContactsShown = "all" | "subscribers-without-email";

/** The Contacts page's view as a CSV download: the same search and `show`. */
export function contactsCsvUrl(search: string, show: ContactsShown): string {
  const url = api.contacts["export.csv"].$url({
    query: { search: search || undefined, show: show === "all" ? undefined : show },
  });
  return `${url.pathname}${url.search}`;
}

/** Contacts matching a search, page by page (keyset cursors). */
export const contactsQuery = (search: string, show: ContactsShown = "all") =>
  infiniteQueryOptions({
    queryKey: ["contacts", { search, show }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.contacts.$get({
          query: {
            search: search || undefined,
            show: show === "all" ? undefined : show,
            cursor: pageParam ?? undefined,
            limit: "50",
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** One contact with its lists. */
export const contactQuery = (id: string) =>
  queryOptions({
    queryKey: ["contacts", id],
    queryFn: () => unwrap(api.contacts[":id"].$get({ param: { id } })),
  });

/** One list. */
export const listQuery = (id: string) =>
  queryOptions({
    queryKey: ["lists", id],
    queryFn: () => unwrap(api.lists[":id"].$get({ param: { id } })),
  });

/** A list's members, page by page. */
export const listMembersQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: ["lists", id, "members"],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.lists[":id"].members.$get({
          param: { id },
          query: { cursor: pageParam ?? undefined, limit: "50" },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
