import { AccountScope, programs } from "@waymark/db";
import type { ProgramRef } from "@waymark/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";

/**
 * The account's active programs whose Messenger nodes use each of `profileIds` (one query), by
 * name: what blocks disabling or deleting those profiles, for the app to show and link to.
 */
export async function activeProgramsByProfile(
  deps: ServiceDeps,
  actor: Actor,
  profileIds: readonly string[],
): Promise<Map<string, ProgramRef[]>> {
  const byProfile = new Map<string, ProgramRef[]>(profileIds.map((id) => [id, []]));
  if (profileIds.length === 0) return byProfile;
  const scope = new AccountScope(deps.db, actor.accountId);
  const rows = await deps.db
    .select({ id: programs.id, name: programs.name, profileIds: programs.profileIds })
    .from(programs)
    .where(
      scope.where(
        programs,
        and(
          eq(programs.status, "active"),
          sql`${programs.profileIds} && array[${sql.join(
            profileIds.map((id) => sql`${id}`),
            sql`, `,
          )}]::uuid[]`,
        ),
      ),
    )
    .orderBy(asc(programs.name));
  for (const row of rows) {
    for (const profileId of row.profileIds) {
      byProfile.get(profileId)?.push({ id: row.id, name: row.name });
    }
  }
  return byProfile;
}
