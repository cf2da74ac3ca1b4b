import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";

/** The account's API keys, newest first. */
export const apiKeysQuery = queryOptions({
  queryKey: ["api-keys"],
  queryFn: () => unwrap(api["api-keys"].$get()),
});
