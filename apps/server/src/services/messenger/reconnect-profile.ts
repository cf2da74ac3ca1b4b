import { AccountScope, messengerProfiles } from "@waymark/db";
import { seal } from "@waymark/engine";
import { eq } from "drizzle-orm";
import { notFound, ServiceError } from "../../errors";
import type { Actor } from "../context";
import { fetchLoginPages } from "./login-pages";
import type { MessengerDeps } from "./messenger-deps";
import { presentProfile } from "./profile-view";

/** After a fresh Facebook login, takes the page's new token and subscribes the app again. */
export async function reconnectProfile(
  deps: MessengerDeps,
  actor: Actor,
  id: string,
  loginId: string,
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [profile] = await scope.select(messengerProfiles, eq(messengerProfiles.id, id));
  if (!profile) throw notFound("Messenger profile");
  const page = (await fetchLoginPages(deps, actor, loginId)).find((p) => p.id === profile.pageId);
  if (!page?.accessToken || !page.usable) {
    throw new ServiceError(
      409,
      "page_unavailable",
      page
        ? (page.reason ??
            `You no longer have a role on '${profile.pageName}' that can send messages`)
        : `The Facebook account you logged in with does not manage '${profile.pageName}'`,
    );
  }
  const subscribed = await deps.facebook.subscribeApp(page.id, page.accessToken);
  if (!subscribed.ok) {
    throw new ServiceError(
      502,
      "facebook_error",
      `Facebook refused to reconnect: ${subscribed.error.message}`,
    );
  }
  const [row] = await scope.update(
    messengerProfiles,
    {
      pageTokenEnc: seal(deps.keys.pageToken, page.accessToken, profile.id),
      pageName: page.name,
      connection: "ok",
      lastError: null,
      updatedAt: deps.now(),
    },
    eq(messengerProfiles.id, id),
  );
  return presentProfile(row!);
}
