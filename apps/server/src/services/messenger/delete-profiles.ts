import { AccountScope, dataFields, messengerProfiles } from "@waymark/db";
import { open } from "@waymark/engine";
import { and, eq, inArray } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor } from "../context";
import type { MessengerDeps } from "./messenger-deps";
import { activeProgramsUsing, refuseWhileUsed } from "./profile-usage";

/**
 * Deletes profiles with their usage statistics (SPEC §4), all or none: refused while any active
 * program uses one of them. Contacts keep their data: each FBOPTIN_XXX field stays as an
 * ordinary field. The app is unsubscribed from the pages afterwards (best effort).
 */
export async function deleteProfiles(deps: MessengerDeps, actor: Actor, ids: string[]) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const profiles = await scope.select(messengerProfiles, inArray(messengerProfiles.id, ids));
  if (profiles.length !== new Set(ids).size) throw notFound("Messenger profile");
  for (const profile of profiles) {
    refuseWhileUsed(
      "delete",
      profile.name,
      await activeProgramsUsing(deps.db, actor.accountId, profile.id),
    );
  }
  await deps.db.transaction(async (tx) => {
    const txScope = new AccountScope(tx, actor.accountId);
    await txScope.update(
      dataFields,
      { system: false },
      and(
        inArray(
          dataFields.name,
          profiles.map((p) => p.optInFieldName),
        ),
        eq(dataFields.system, true),
      ),
    );
    // Statistics and per-contact Messenger state go with the profile (ON DELETE CASCADE).
    await txScope.delete(messengerProfiles, inArray(messengerProfiles.id, ids));
  });
  for (const profile of profiles) {
    try {
      const token = open(deps.keys.pageToken, profile.pageTokenEnc, profile.id);
      await deps.facebook.unsubscribeApp(profile.pageId, token);
    } catch {
      // The profile is gone either way; a page whose token no longer works has no subscription to end.
    }
  }
  return { deleted: profiles.map((p) => p.id) };
}
