import { rowsOf } from "@waymark/db";
import { checkProfileConnections, markProfilesLost } from "@waymark/engine";
import { sql } from "drizzle-orm";
import type { Actor } from "../context";
import type { ProgramDeps } from "./program-deps";

/**
 * How long activation waits for Facebook per profile. Facebook unreachable must not block
 * activation: past this the program activates, and the sender or the leader's health pass
 * finds a lost connection later.
 */
export const ACTIVATION_CHECK_TIMEOUT_MS = 3_000;

/**
 * Before activating (issue 16.3): asks Facebook live whether each enabled, connected profile
 * the program's Messenger nodes use still works, and marks those it refuses lost, so the
 * activation that follows is refused with the reason. Returns the profiles Facebook could not
 * be asked about (activation goes on without them).
 */
export async function checkChannelsLive(
  deps: ProgramDeps,
  actor: Actor,
  programId: string,
): Promise<{ unchecked: string[] }> {
  const { facebook, keys } = deps;
  if (!facebook || !keys) return { unchecked: [] };
  const profiles = rowsOf<{ id: string; name: string }>(
    await deps.db.execute(sql`
      select p.id, p.name from programs g join messenger_profiles p on p.id = any(g.profile_ids)
      where g.id = ${programId}::uuid and g.account_id = ${actor.accountId}::uuid
        and g.status <> 'active' and p.account_id = g.account_id
        and p.status = 'enabled' and p.connection = 'ok'
      order by p.id`),
  );
  const health = await checkProfileConnections(
    { db: deps.db, now: deps.now, facebook, keys },
    profiles.map((p) => p.id),
    ACTIVATION_CHECK_TIMEOUT_MS,
  );
  const lost = health.flatMap((h) => (h.state === "lost" ? [{ id: h.id, reason: h.reason }] : []));
  await markProfilesLost(deps, lost);
  const unreachable = new Set(health.filter((h) => h.state === "unreachable").map((h) => h.id));
  return { unchecked: profiles.filter((p) => unreachable.has(p.id)).map((p) => p.name) };
}
