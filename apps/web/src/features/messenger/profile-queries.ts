import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";

/** The account's Messenger profiles. */
export const profilesQuery = queryOptions({
  queryKey: ["messenger-profiles"],
  queryFn: () => unwrap(api.messenger.profiles.$get()),
});

/** One profile with its website snippet. */
export const profileQuery = (id: string) =>
  queryOptions({
    queryKey: ["messenger-profiles", id],
    queryFn: () => unwrap(api.messenger.profiles[":id"].$get({ param: { id } })),
  });

/** The pages of a completed Facebook login, each selectable or not with the reason. */
export const loginPagesQuery = (loginId: string) =>
  queryOptions({
    queryKey: ["facebook-login", loginId, "pages"],
    queryFn: () =>
      unwrap(api.messenger.facebook.logins[":id"].pages.$get({ param: { id: loginId } })),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Sends the browser to Facebook's Login dialog; it comes back to `returnTo`. */
export async function logInToFacebook(returnTo: string) {
  const { authorizationUrl } = await unwrap(
    api.messenger.facebook.logins.$post({ json: { returnTo } }),
  );
  window.location.assign(authorizationUrl);
}
