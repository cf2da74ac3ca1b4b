import { AccountScope, dataFields, messengerProfiles } from "@waymark/db";
import { open, pgArray } from "@waymark/engine";
import { and, eq, inArray, sql } from "drizzle-orm";
import { notFound } from "../../errors";
import { retryConflicts } from "../conflict-retry";
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
  await retryConflicts(
    () => deleteRows(deps, actor.accountId, ids, profiles),
    "Waymark is busy with these profiles' messages; try deleting them again in a moment",
  );
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

/**
 * One transaction. The profile rows are locked first, in id order, as every engine transaction
 * that changes a profile's messages, statistics or people locks them before those rows
 * (`processWebhookEvents`, `claimDueMessages`, `recordResults`): each such transaction either
 * ends before the deletion goes on or starts after it and finds the profile gone, so the
 * cascade never waits for a row whose holder waits for the profile (PostgreSQL's deadlock).
 */
async function deleteRows(
  deps: MessengerDeps,
  accountId: string,
  ids: string[],
  profiles: { optInFieldName: string }[],
) {
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`
      select id from messenger_profiles
      where account_id = ${accountId}::uuid and id = any(${pgArray(ids)}::uuid[])
      order by id for update`);
    const txScope = new AccountScope(tx, accountId);
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
}
