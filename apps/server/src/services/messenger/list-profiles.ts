import { AccountScope, messengerProfiles } from "@waymark/db";
import { asc, eq } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { presentProfile } from "./profile-view";

/** The account's Messenger profiles, by name. */
export async function listProfiles(deps: ServiceDeps, actor: Actor) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const rows = await deps.db
    .select()
    .from(messengerProfiles)
    .where(scope.where(messengerProfiles))
    .orderBy(asc(messengerProfiles.name));
  return rows.map(presentProfile);
}

/** One profile of the account, or 404. */
export async function getProfile(deps: ServiceDeps, actor: Actor, id: string) {
  const [row] = await new AccountScope(deps.db, actor.accountId).select(
    messengerProfiles,
    eq(messengerProfiles.id, id),
  );
  if (!row) throw notFound("Messenger profile");
  return presentProfile(row);
}
