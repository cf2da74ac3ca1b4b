import { rowsOf } from "@waymark/db";
import type { FacebookClient } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import type { ClockAndDatabase } from "./clock-and-database";
import { pgArray, unnestRows } from "./pg-array";
import { open } from "./secret-box";

export interface ProfileHealthDeps extends ClockAndDatabase {
  facebook: FacebookClient;
  keys: { pageToken: Buffer };
}

/** A profile's connection as Facebook answered just now; `unreachable` when it could not say. */
export type ProfileHealth =
  | { id: string; state: "ok" }
  | { id: string; state: "lost"; reason: string }
  | { id: string; state: "unreachable"; reason: string };

/** The permission a Page token needs to send (MESSENGER.md §1). */
const SEND_PERMISSION = "pages_messaging";
/** Profiles asked at once in a health pass: Facebook is asked by few calls at a time. */
const CHECKS_IN_FLIGHT = 4;

/**
 * Asks Facebook whether each profile's Page token still works and may send (`debug_token`
 * with the token itself), each call cut at `timeoutMs`. Writes nothing.
 */
export async function checkProfileConnections(
  deps: ProfileHealthDeps,
  profileIds: readonly string[],
  timeoutMs: number,
): Promise<ProfileHealth[]> {
  if (profileIds.length === 0) return [];
  const rows = rowsOf<{ id: string; page_token_enc: string }>(
    await deps.db.execute(sql`
      select id, page_token_enc from messenger_profiles
      where id = any(${pgArray(profileIds)}::uuid[]) order by id`),
  );
  const results: ProfileHealth[] = [];
  for (let i = 0; i < rows.length; i += CHECKS_IN_FLIGHT) {
    const slice = rows.slice(i, i + CHECKS_IN_FLIGHT);
    results.push(...(await Promise.all(slice.map((row) => checkOne(deps, row, timeoutMs)))));
  }
  return results;
}

async function checkOne(
  deps: ProfileHealthDeps,
  row: { id: string; page_token_enc: string },
  timeoutMs: number,
): Promise<ProfileHealth> {
  let token: string;
  try {
    token = open(deps.keys.pageToken, row.page_token_enc, row.id);
  } catch {
    return { id: row.id, state: "lost", reason: "The page's stored access could not be read" };
  }
  const answer = await deps.facebook.checkPageToken(token, { timeoutMs });
  if (!answer.ok) {
    const { error } = answer;
    if (error.classification === "token_invalid" || error.classification === "permission") {
      return { id: row.id, state: "lost", reason: error.message };
    }
    return { id: row.id, state: "unreachable", reason: error.message };
  }
  if (!answer.token.valid) {
    return { id: row.id, state: "lost", reason: "Facebook no longer accepts the page's access" };
  }
  if (!answer.token.scopes.includes(SEND_PERMISSION)) {
    return {
      id: row.id,
      state: "lost",
      reason: `The page's access lacks the ${SEND_PERMISSION} permission`,
    };
  }
  return { id: row.id, state: "ok" };
}

/**
 * Marks profiles' connections lost with the reason as their last error: their pages stop
 * sending (claims take only connected pages) until reconnected, and the programs using them
 * show why. Returns the ids it changed (those connected until now).
 */
export async function markProfilesLost(
  deps: ClockAndDatabase,
  lost: readonly { id: string; reason: string }[],
): Promise<string[]> {
  if (lost.length === 0) return [];
  const rows = [...lost].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return deps.db.transaction(async (tx) => {
    // Locked in id order, as the sender's claims and results lock them, so none deadlock.
    await tx.execute(sql`
      select id from messenger_profiles where id = any(${pgArray(rows.map((r) => r.id))}::uuid[])
      order by id for update`);
    const changed = await tx.execute(sql`
      update messenger_profiles p set connection = 'lost', last_error = x.reason,
        last_error_at = ${deps.now().toISOString()}::timestamptz
      from ${unnestRows(rows, "x", {
        id: ["uuid", (r) => r.id],
        reason: ["text", (r) => r.reason],
      })}
      where p.id = x.id and p.connection = 'ok'
      returning p.id`);
    return rowsOf<{ id: string }>(changed).map((r) => r.id);
  });
}

/** Default time between health passes over the profiles active programs use. */
export const PROFILE_HEALTH_INTERVAL_MS = 10 * 60_000;
/** How long a health pass waits for Facebook per profile. */
const HEALTH_CHECK_TIMEOUT_MS = 5_000;

/**
 * One health pass (leader only): the enabled, connected profiles that active programs use are
 * checked with Facebook, and those it refuses are marked lost, without waiting for a send to
 * fail. Unreachable Facebook changes nothing and ends the pass. Returns how many were marked lost.
 */
export async function checkActiveProfiles(deps: ProfileHealthDeps): Promise<number> {
  const used = rowsOf<{ id: string }>(
    await deps.db.execute(sql`
      select p.id from messenger_profiles p
      where p.status = 'enabled' and p.connection = 'ok'
        and exists (select 1 from programs g where g.status = 'active' and g.profile_ids @> array[p.id])
      order by p.id`),
  ).map((r) => r.id);
  let marked = 0;
  for (let i = 0; i < used.length; i += CHECKS_IN_FLIGHT) {
    const slice = used.slice(i, i + CHECKS_IN_FLIGHT);
    const health = await checkProfileConnections(deps, slice, HEALTH_CHECK_TIMEOUT_MS);
    const lost = health.flatMap((h) =>
      h.state === "lost" ? [{ id: h.id, reason: h.reason }] : [],
    );
    marked += (await markProfilesLost(deps, lost)).length;
    // Facebook answering none of them is an outage, not lost pages: the next pass asks again.
    if (health.length > 0 && health.every((h) => h.state === "unreachable")) break;
  }
  return marked;
}
