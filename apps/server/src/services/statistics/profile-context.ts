import { AccountScope, accounts, messengerProfiles } from "@waymark/db";
import { localDay } from "@waymark/engine";
import { eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";

/** A profile of the actor's account with the account's time zone and today's local date. */
export interface ProfileContext {
  profileId: string;
  profileName: string;
  /** The profile's FBOPTIN_XXX field. */
  optInFieldName: string;
  timeZone: string;
  today: string;
}

/** The profile, or 404 when it does not exist or belongs to another account. */
export async function profileContext(
  deps: ServiceDeps,
  actor: Actor,
  profileId: string,
): Promise<ProfileContext> {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [row] = await deps.db
    .select({
      profileId: messengerProfiles.id,
      profileName: messengerProfiles.name,
      optInFieldName: messengerProfiles.optInFieldName,
      timeZone: accounts.timeZone,
    })
    .from(messengerProfiles)
    .innerJoin(accounts, eq(accounts.id, messengerProfiles.accountId))
    .where(scope.where(messengerProfiles, eq(messengerProfiles.id, profileId)));
  if (!row) throw notFound("Messenger profile");
  return { ...row, today: localDay(deps.now(), row.timeZone) };
}
