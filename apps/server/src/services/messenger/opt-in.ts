import { AccountScope, contacts, messengerProfiles } from "@waymark/db";
import { makeOptInRef, readOptInRef } from "@waymark/engine";
import { buildOptInSnippet } from "@waymark/facebook";
import { eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor } from "../context";
import type { MessengerDeps } from "./messenger-deps";

/** A contact's opt-in page and ref for a profile (SPEC §4.1). */
export async function getOptInLink(
  deps: MessengerDeps,
  actor: Actor,
  profileId: string,
  contactId: string,
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [profile] = await scope.select(messengerProfiles, eq(messengerProfiles.id, profileId));
  if (!profile) throw notFound("Messenger profile");
  const [contact] = await scope.select(contacts, eq(contacts.id, contactId));
  if (!contact) throw notFound("Contact");
  return optInLink(deps, profileId, contactId, deps.now());
}

/** What building opt-in links needs: the key that signs refs and the public address. */
export type OptInLinkDeps = Pick<MessengerDeps, "keys"> & {
  messenger: Pick<MessengerDeps["messenger"], "publicUrl">;
};

/** A contact's personal opt-in link for a profile (a signed ref, valid for a year from `now`). */
export function optInLink(deps: OptInLinkDeps, profileId: string, contactId: string, now: Date) {
  const ref = makeOptInRef(deps.keys.optInRef, { profileId, contactId }, now);
  return { url: `${deps.messenger.publicUrl}/optin/${ref}`, ref };
}

/** The snippet for the customer's own website: it takes the contact's ref from `?ref=` in the page URL. */
export function websiteSnippet(deps: MessengerDeps, pageId: string): string {
  return buildOptInSnippet({
    appId: deps.messenger.appId,
    pageId,
    ref: { queryParameter: "ref" },
    sdkUrl: deps.messenger.sdkUrl,
    version: deps.messenger.graphVersion,
  });
}

/** What the public opt-in page shows for a ref, or null when the ref is not valid. */
export async function optInPageFor(deps: MessengerDeps, ref: string) {
  const check = readOptInRef(deps.keys.optInRef, ref, deps.now());
  if (!check.ok) return null;
  const [profile] = await deps.db
    .select()
    .from(messengerProfiles)
    .where(eq(messengerProfiles.id, check.profileId));
  if (!profile) return null;
  return {
    pageName: profile.pageName,
    snippet: buildOptInSnippet({
      appId: deps.messenger.appId,
      pageId: profile.pageId,
      ref,
      sdkUrl: deps.messenger.sdkUrl,
      version: deps.messenger.graphVersion,
    }),
  };
}
