import type { Actor, ServiceDeps } from "../context";
import { profileDailyStatistics } from "./daily-stats";

/**
 * `GET /api/v1/messenger/profiles/{id}/stats` (SPEC §11): per local date of the range, messages
 * sent, delivered and read, and those not sent by reason. Without `from`/`to`, the last 7 days.
 */
export async function profileStatsForApi(
  deps: ServiceDeps,
  actor: Actor,
  profileId: string,
  query: { from?: string; to?: string },
) {
  const stats = await profileDailyStatistics(deps, actor, profileId, query);
  return {
    profileId,
    timeZone: stats.timeZone,
    from: stats.from,
    to: stats.to,
    days: stats.days.map((d) => ({
      date: d.date,
      sent: d.sent,
      delivered: d.delivered,
      read: d.read,
      notSent: {
        total: d.notSent,
        warnings: d.warnings,
        errors: d.errors,
        failed: d.failed,
        unknown: d.unknown,
        reasons: d.reasons,
      },
    })),
  };
}
