import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";

/** A new account's first steps; read afresh whenever the checklist is shown (it is cheap). */
export const onboardingQuery = queryOptions({
  queryKey: ["onboarding"],
  queryFn: () => unwrap(api.onboarding.$get()),
  staleTime: 0,
});
