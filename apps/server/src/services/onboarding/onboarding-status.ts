import { AccountScope, messengerContacts, messengerProfiles, programs } from "@waymark/db";
import { type OnboardingStatus, onboardingStatus } from "@waymark/domain";
import { asc, inArray, isNotNull } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";

/**
 * A new account's first steps, read from what exists: a profile, an opt-in through any profile
 * (the code is live on a site), a program that has been activated. Three small indexed reads.
 */
export async function getOnboardingStatus(
  deps: ServiceDeps,
  actor: Actor,
): Promise<OnboardingStatus> {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [[profile], [optIn], [program]] = await Promise.all([
    deps.db
      .select({ id: messengerProfiles.id })
      .from(messengerProfiles)
      .where(scope.where(messengerProfiles))
      .orderBy(asc(messengerProfiles.createdAt), asc(messengerProfiles.id))
      .limit(1),
    deps.db
      .select({ profileId: messengerContacts.profileId })
      .from(messengerContacts)
      .where(scope.where(messengerContacts, isNotNull(messengerContacts.optedInAt)))
      .limit(1),
    deps.db
      .select({ id: programs.id })
      .from(programs)
      .where(scope.where(programs, inArray(programs.status, ["active", "deactivated"])))
      .limit(1),
  ]);
  return onboardingStatus({
    firstProfileId: profile?.id ?? null,
    anyOptIn: optIn !== undefined,
    anyProgramActivated: program !== undefined,
  });
}
