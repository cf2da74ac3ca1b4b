import { AccountScope, dataFields, lists, messengerProfiles, type Queryable } from "@waymark/db";
import type { ValidationContext } from "@waymark/domain";

/** The account's data fields, Messenger profiles and lists, as program validation needs them. */
export async function loadValidationContext(
  db: Queryable,
  accountId: string,
): Promise<ValidationContext> {
  const scope = new AccountScope(db, accountId);
  const [fields, profiles, accountLists] = await Promise.all([
    db
      .select({
        name: dataFields.name,
        type: dataFields.type,
        defaultValue: dataFields.defaultValue,
      })
      .from(dataFields)
      .where(scope.where(dataFields)),
    db
      .select({
        id: messengerProfiles.id,
        name: messengerProfiles.name,
        status: messengerProfiles.status,
        policy: messengerProfiles.policyVersion,
        connection: messengerProfiles.connection,
        lastError: messengerProfiles.lastError,
      })
      .from(messengerProfiles)
      .where(scope.where(messengerProfiles)),
    db.select({ id: lists.id, name: lists.name }).from(lists).where(scope.where(lists)),
  ]);
  return {
    fields,
    profiles: profiles.map((p) => ({
      id: p.id,
      name: p.name,
      enabled: p.status === "enabled",
      policy: p.policy,
      ...(p.connection === "lost" ? { connection: connectionProblem(p.lastError) } : {}),
    })),
    lists: accountLists,
  };
}

/** Why a profile's connection was lost, in words, from the error Facebook last answered. */
export function connectionProblem(lastError: string | null): string {
  return lastError
    ? `Facebook refused its last send ("${lastError}")`
    : "Facebook no longer accepts its access to the page";
}
