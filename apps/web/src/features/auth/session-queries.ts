import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";

/** The signed-in user and account; fails with 401 when logged out. */
export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: () => unwrap(api.auth.me.$get()),
  staleTime: 60_000,
});

/** What this server runs on (database, Facebook sandbox or real Facebook). */
export const healthQuery = queryOptions({
  queryKey: ["health"],
  queryFn: () => unwrap(api.health.$get()),
  staleTime: Number.POSITIVE_INFINITY,
});
