import { AccountScope, messengerProfiles, rowsOf } from "@waymark/db";
import { explainNotSentReason } from "@waymark/domain";
import { localDay } from "@waymark/engine";
import { eq, type SQL, sql } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { type ReasonCount, type ReasonKind, sortReasons } from "./reasons";
import { type DayRange, eachDay, PROFILE_WINDOW_DAYS, resolveRange } from "./stats-range";

/**
 * The figures of one local date. `warnings`: the node did not send (not opted in, outside the
 * window…); `errors` = `failed` (Facebook refused) + `unknown` (no answer); `notSent` = both.
 */
export interface DayFigures {
  date: string;
  sent: number;
  delivered: number;
  read: number;
  notSent: number;
  warnings: number;
  errors: number;
  failed: number;
  unknown: number;
  reasons: ReasonCount[];
}

export type Totals = Omit<DayFigures, "date">;

interface CounterRow {
  date: string;
  sent: number;
  delivered: number;
  read: number;
  warnings: number;
  failed: number;
  unknown: number;
}

interface RecordedReason {
  date: string;
  kind: ReasonKind;
  reason: string;
  count: number;
}

interface StatisticsRow {
  profile_name: string;
  time_zone: string;
  days: CounterRow[] | string | null;
  reasons: RecordedReason[] | string | null;
}

/** A JSON array column as both drivers return it (PGlite may hand back the text). */
export const parsed = <T>(value: T[] | string | null): T[] =>
  value === null ? [] : typeof value === "string" ? (JSON.parse(value) as T[]) : value;

/**
 * One statement for a profile's statistics over a range: the profile (only in the actor's
 * account, else no row), the account's time zone, and the per-day counter and reason rows of
 * the range, each an index range read of `messenger_daily_stats` / `messenger_daily_reasons`.
 */
export function statisticsSql(scope: AccountScope, profileId: string, range: DayRange): SQL {
  const from = sql`${range.from}::date`;
  const to = sql`${range.to}::date`;
  return sql`
    select messenger_profiles.name as profile_name, a.time_zone, d.days, r.reasons
    from messenger_profiles
    join accounts a on a.id = messenger_profiles.account_id
    left join lateral (
      select json_agg(json_build_object('date', s.day::text, 'sent', s.sent, 'delivered', s.delivered,
        'read', s.read, 'warnings', s.not_sent, 'failed', s.failed, 'unknown', s.unknown)) as days
      from messenger_daily_stats s
      where s.profile_id = messenger_profiles.id and s.day between ${from} and ${to}
    ) d on true
    left join lateral (
      select json_agg(json_build_object('date', x.day::text, 'kind', x.kind, 'reason', x.reason,
        'count', x.count)) as reasons
      from messenger_daily_reasons x
      where x.profile_id = messenger_profiles.id and x.day between ${from} and ${to} and x.count > 0
    ) r on true
    where ${scope.where(messengerProfiles, eq(messengerProfiles.id, profileId))}`;
}

// The time zone each account had last time: a guess that the statement itself confirms.
const lastZones = new Map<string, string>();

/**
 * Reads a profile's statistics for the range `pick` chooses from today's local date, in one
 * round trip: the account's time zone is taken to be the one seen last (UTC at first), and
 * when the row shows another, the range is worked out again and read again. 404 for a profile
 * that does not exist or belongs to another account.
 */
async function readStatistics(
  deps: ServiceDeps,
  actor: Actor,
  profileId: string,
  pick: (today: string) => DayRange,
) {
  const now = deps.now();
  const scope = new AccountScope(deps.db, actor.accountId);
  let zone = lastZones.get(actor.accountId) ?? "UTC";
  for (;;) {
    const today = localDay(now, zone);
    const range = pick(today);
    const [row] = rowsOf<StatisticsRow>(
      await deps.db.execute(statisticsSql(scope, profileId, range)),
    );
    if (!row) throw notFound("Messenger profile");
    if (lastZones.size > 100_000) lastZones.clear();
    lastZones.set(actor.accountId, row.time_zone);
    if (row.time_zone === zone) {
      return {
        profileName: row.profile_name,
        timeZone: zone,
        today,
        range,
        days: dayFigures(range, parsed(row.days), parsed(row.reasons)),
      };
    }
    zone = row.time_zone;
  }
}

/** Every date of the range, zeros where no counter row exists, oldest first. */
function dayFigures(
  range: DayRange,
  counters: CounterRow[],
  reasons: RecordedReason[],
): DayFigures[] {
  const byDay = new Map(counters.map((c) => [c.date, c]));
  const reasonsByDay = new Map<string, ReasonCount[]>();
  for (const r of reasons) {
    const list = reasonsByDay.get(r.date) ?? [];
    list.push({ kind: r.kind, ...explainNotSentReason(r.kind, r.reason), count: r.count });
    reasonsByDay.set(r.date, list);
  }
  return eachDay(range).map((date) => {
    const row = byDay.get(date);
    const warnings = row?.warnings ?? 0;
    const failed = row?.failed ?? 0;
    const unknown = row?.unknown ?? 0;
    return {
      date,
      sent: row?.sent ?? 0,
      delivered: row?.delivered ?? 0,
      read: row?.read ?? 0,
      notSent: warnings + failed + unknown,
      warnings,
      errors: failed + unknown,
      failed,
      unknown,
      reasons: sortReasons(reasonsByDay.get(date) ?? []),
    };
  });
}

/** The sums over the days, reasons merged by kind and reason. */
function totalsOf(days: DayFigures[]): Totals {
  const totals: Totals = {
    sent: 0,
    delivered: 0,
    read: 0,
    notSent: 0,
    warnings: 0,
    errors: 0,
    failed: 0,
    unknown: 0,
    reasons: [],
  };
  const reasons = new Map<string, ReasonCount>();
  for (const d of days) {
    totals.sent += d.sent;
    totals.delivered += d.delivered;
    totals.read += d.read;
    totals.notSent += d.notSent;
    totals.warnings += d.warnings;
    totals.errors += d.errors;
    totals.failed += d.failed;
    totals.unknown += d.unknown;
    for (const r of d.reasons) {
      const key = `${r.kind}\u0000${r.reason}\u0000${r.detail ?? ""}`;
      const sum = reasons.get(key) ?? { ...r, count: 0 };
      sum.count += r.count;
      reasons.set(key, sum);
    }
  }
  totals.reasons = sortReasons([...reasons.values()]);
  return totals;
}

/**
 * The profile page's figures (SPEC §8): messages delivered in the last 7 days (today and the
 * six days before it in the account's time zone) and each reason messages were not sent.
 * Reads only the per-day counters.
 */
export async function profileStatistics(deps: ServiceDeps, actor: Actor, profileId: string) {
  const read = await readStatistics(deps, actor, profileId, (today) =>
    resolveRange({ days: PROFILE_WINDOW_DAYS }, today),
  );
  return {
    profileId,
    timeZone: read.timeZone,
    today: read.today,
    ...read.range,
    ...totalsOf(read.days),
    reconciled: await reconciledSince(deps, profileId, read.range.from, read.timeZone),
  };
}

/**
 * Lost send answers settled from Facebook's conversations since the start of a local day:
 * found there (sent), or not (never reached Facebook). An index range of the reconciled.
 */
async function reconciledSince(
  deps: ServiceDeps,
  profileId: string,
  day: string,
  timeZone: string,
) {
  const [row] = rowsOf<{ found: number; absent: number }>(
    await deps.db.execute(sql`
      select count(*) filter (where status <> 'not_sent')::int as found,
        count(*) filter (where status = 'not_sent')::int as absent
      from messenger_messages
      where profile_id = ${profileId}::uuid and reconciled_at is not null
        and reconciled_at >= (${day}::date::timestamp at time zone ${timeZone})`),
  );
  return { found: row?.found ?? 0, neverReachedFacebook: row?.absent ?? 0 };
}

/** The drill-down (SPEC §8): one row per date of the range, with the range's totals. */
export async function profileDailyStatistics(
  deps: ServiceDeps,
  actor: Actor,
  profileId: string,
  query: { from?: string; to?: string; days?: number },
) {
  const read = await readStatistics(deps, actor, profileId, (today) => resolveRange(query, today));
  return {
    profileId,
    profileName: read.profileName,
    timeZone: read.timeZone,
    today: read.today,
    ...read.range,
    days: read.days,
    totals: totalsOf(read.days),
  };
}
