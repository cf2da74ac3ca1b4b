import { AccountScope, dataFields, lists, messengerProfiles, type Queryable } from "@waymark/db";
import { connectionProblem, type ValidationContext } from "@waymark/domain";

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
