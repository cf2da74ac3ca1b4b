import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";

/** The account's programs, most recently changed first. */
export const programsQuery = queryOptions({
  queryKey: ["programs"],
  queryFn: () => unwrap(api.programs.$get()),
});

/** One program with its document and version. */
export const programQuery = (id: string) =>
  queryOptions({
    queryKey: ["programs", id],
    queryFn: () => unwrap(api.programs[":id"].$get({ param: { id } })),
    // The editor owns the document once loaded; a background refetch must not replace it.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });

/** A program as the server answers it. */
export type ProgramData = Awaited<
  ReturnType<NonNullable<ReturnType<typeof programQuery>["queryFn"]>>
>;

/** A row of the programs list. */
export type ProgramSummary = Awaited<
  ReturnType<NonNullable<(typeof programsQuery)["queryFn"]>>
>["programs"][number];
