import { AccountScope, messengerProfiles, rowsOf } from "@waymark/db";
import { eq, sql } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { parsed } from "./daily-stats";
import { eachDay, lastDays, PROFILE_WINDOW_DAYS } from "./stats-range";

/** New Messenger subscribers of one local date, by where the click came from. */
export interface OptInDay {
  date: string;
  /** Opt-ins without a known contact's ref (the website snippet): new subscribers. */
  website: number;
  /** Opt-ins through a known contact's personal link. */
  personalLinks: number;
  /** Contacts merged into one linked to this profile (automatically or by hand). */
  merged: number;
}

interface OptInRow {
  time_zone: string;
  today: string;
  days: Omit<OptInDay, "merged">[] | string | null;
  merges: { date: string; merged: number }[] | string | null;
}

/**
 * The profile page's opt-ins over the last 7 days (today and the six before it, in the
 * account's time zone): the people linked to the profile each day, from the website snippet
 * or from personal links, and the contacts merged into its subscribers. One statement: index
 * ranges of `messenger_contacts` by profile and of `contact_merges` by account.
 */
export async function profileOptIns(deps: ServiceDeps, actor: Actor, profileId: string) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [row] = rowsOf<OptInRow>(
    await deps.db.execute(sql`
      with p as (
        select messenger_profiles.id, messenger_profiles.account_id, a.time_zone,
          (${deps.now().toISOString()}::timestamptz at time zone a.time_zone)::date as today
        from messenger_profiles
        join accounts a on a.id = messenger_profiles.account_id
        where ${scope.where(messengerProfiles, eq(messengerProfiles.id, profileId))}
      )
      select p.time_zone, p.today::text as today, (
        select json_agg(json_build_object('date', x.day, 'website', x.website,
          'personalLinks', x.personal))
        from (
          select (mc.linked_at at time zone p.time_zone)::date::text as day,
            count(*) filter (where mc.origin = 'anonymous')::int as website,
            count(*) filter (where mc.origin = 'ref')::int as personal
          from messenger_contacts mc
          where mc.profile_id = p.id
            and mc.linked_at >= ((p.today - ${PROFILE_WINDOW_DAYS - 1}::int)::timestamp
              at time zone p.time_zone)
          group by 1
        ) x
      ) as days, (
        select json_agg(json_build_object('date', y.day, 'merged', y.merged))
        from (
          select (m.merged_at at time zone p.time_zone)::date::text as day,
            count(distinct m.source_id)::int as merged
          from contact_merges m
          join messenger_contacts mc on mc.contact_id = m.target_id and mc.profile_id = p.id
          where m.account_id = p.account_id
            and m.merged_at >= ((p.today - ${PROFILE_WINDOW_DAYS - 1}::int)::timestamp
              at time zone p.time_zone)
          group by 1
        ) y
      ) as merges
      from p`),
  );
  if (!row) throw notFound("Messenger profile");
  const byDate = new Map(parsed(row.days).map((d) => [d.date, d]));
  const mergedOn = new Map(parsed(row.merges).map((d) => [d.date, d.merged]));
  const range = lastDays(row.today, PROFILE_WINDOW_DAYS);
  const days = eachDay(range).map(
    (date): OptInDay => ({
      date,
      website: byDate.get(date)?.website ?? 0,
      personalLinks: byDate.get(date)?.personalLinks ?? 0,
      merged: mergedOn.get(date) ?? 0,
    }),
  );
  return {
    profileId,
    timeZone: row.time_zone,
    ...range,
    days,
    totals: {
      website: days.reduce((sum, d) => sum + d.website, 0),
      personalLinks: days.reduce((sum, d) => sum + d.personalLinks, 0),
      merged: days.reduce((sum, d) => sum + d.merged, 0),
    },
  };
}
