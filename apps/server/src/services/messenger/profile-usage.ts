import { AccountScope, programs, type Queryable } from "@waymark/db";
import { and, eq, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";

/** Names of the account's active programs whose Messenger nodes use the profile. */
export async function activeProgramsUsing(db: Queryable, accountId: string, profileId: string) {
  const scope = new AccountScope(db, accountId);
  const rows = await db
    .select({ name: programs.name })
    .from(programs)
    .where(
      scope.where(
        programs,
        and(
          eq(programs.status, "active"),
          sql`${programs.profileIds} @> array[${profileId}]::uuid[]`,
        ),
      ),
    );
  return rows.map((r) => r.name);
}

/** Refuses (409) while active programs use the profile, naming them (SPEC §4). */
export function refuseWhileUsed(action: "disable" | "delete", profileName: string, used: string[]) {
  if (used.length === 0) return;
  const names = used.map((n) => `'${n}'`).join(", ");
  throw new ServiceError(
    409,
    "profile_in_use",
    `You can't ${action} '${profileName}' while it is used by the active ${used.length === 1 ? "program" : "programs"} ${names}. Deactivate ${used.length === 1 ? "it" : "them"} first.`,
    { programs: used },
  );
}
