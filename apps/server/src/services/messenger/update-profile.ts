import { AccountScope, messengerProfiles } from "@waymark/db";
import { and, eq, ne, sql } from "drizzle-orm";
import { notFound, ServiceError } from "../../errors";
import type { Actor } from "../context";
import type { MessengerDeps } from "./messenger-deps";
import { activeProgramsUsing, refuseWhileUsed } from "./profile-usage";
import { presentProfile } from "./profile-view";

/** Renames a profile and/or changes its status; disabling is refused while active programs use it. */
export async function updateProfile(
  deps: MessengerDeps,
  actor: Actor,
  id: string,
  input: { name?: string; status?: "enabled" | "disabled" },
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [profile] = await scope.select(messengerProfiles, eq(messengerProfiles.id, id));
  if (!profile) throw notFound("Messenger profile");
  const name = input.name?.trim() ?? profile.name;
  if (!name || name.length > 100) {
    const message = name ? "must be at most 100 characters" : "is required";
    throw new ServiceError(400, "invalid_request", `name: ${message}`, {
      fields: { name: message },
    });
  }
  const [clash] = await scope.select(
    messengerProfiles,
    and(sql`lower(${messengerProfiles.name}) = lower(${name})`, ne(messengerProfiles.id, id)),
  );
  if (clash) {
    throw new ServiceError(409, "profile_exists", `A profile called '${name}' already exists`, {
      fields: { name: "already exists" },
    });
  }
  if (input.status === "disabled" && profile.status !== "disabled") {
    refuseWhileUsed(
      "disable",
      profile.name,
      await activeProgramsUsing(deps.db, actor.accountId, id),
    );
  }
  const [row] = await scope.update(
    messengerProfiles,
    { name, status: input.status ?? profile.status, updatedAt: deps.now() },
    eq(messengerProfiles.id, id),
  );
  return presentProfile(row!);
}
