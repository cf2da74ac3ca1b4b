import { storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { csvDownloadHeaders } from "../http/csv-download";
import { validate } from "../http/validate";
import type { ServiceDeps } from "../services/context";
import type { OptInLinkDeps } from "../services/messenger/opt-in";
import { profileDailyStatistics, profileStatistics } from "../services/statistics/daily-stats";
import { exportMessageContacts } from "../services/statistics/export-contacts";
import {
  CONTACT_LIST_KINDS,
  listMessageContacts,
  messageContactCursor,
} from "../services/statistics/message-contacts";
import { profileOptIns } from "../services/statistics/profile-opt-ins";
import { MAX_RANGE_DAYS } from "../services/statistics/stats-range";
import { idParam, pageQuery } from "./schemas";
import { sessionGuards } from "./session-guards";

const date = storableText().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD");
const rangeQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  days: z.coerce.number().int().min(1).max(MAX_RANGE_DAYS).optional(),
});
const listQuery = rangeQuery.extend({
  kind: z.enum(CONTACT_LIST_KINDS, { error: "must be sent, delivered, warnings or errors" }),
  order: z.enum(["newest", "oldest"]).default("newest"),
});

/**
 * Usage statistics of a Messenger profile (SPEC §8), mounted at /api/messenger/statistics:
 * the profile page's 7-day figures and opt-ins, the drill-down by date, and the contacts behind a number
 * as pages or a streamed CSV. Every route answers 404 for another account's profile.
 */
export function statisticsRoutes(deps: ServiceDeps & OptInLinkDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/:id", validate("param", idParam), async (c) =>
      c.json(await profileStatistics(deps, c.var.actor, c.req.valid("param").id)),
    )
    .get("/:id/opt-ins", validate("param", idParam), async (c) =>
      c.json(await profileOptIns(deps, c.var.actor, c.req.valid("param").id)),
    )
    .get("/:id/days", validate("param", idParam), validate("query", rangeQuery), async (c) =>
      c.json(
        await profileDailyStatistics(
          deps,
          c.var.actor,
          c.req.valid("param").id,
          c.req.valid("query"),
        ),
      ),
    )
    .get(
      "/:id/contacts",
      validate("param", idParam),
      validate("query", listQuery.extend(pageQuery(messageContactCursor).shape)),
      async (c) =>
        c.json(
          await listMessageContacts(
            deps,
            c.var.actor,
            c.req.valid("param").id,
            c.req.valid("query"),
          ),
        ),
    )
    .get(
      "/:id/contacts.csv",
      validate("param", idParam),
      validate("query", listQuery),
      async (c) => {
        const { filename, stream } = await exportMessageContacts(
          deps,
          c.var.actor,
          c.req.valid("param").id,
          c.req.valid("query"),
        );
        return c.body(stream, 200, csvDownloadHeaders(filename));
      },
    );
}
