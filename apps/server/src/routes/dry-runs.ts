import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { csvDownloadHeaders } from "../http/csv-download";
import { validate } from "../http/validate";
import type { ServiceDeps } from "../services/context";
import { dryRunContacts, dryRunContactsCsv } from "../services/dry-run/dry-run-contacts";
import { cancelDryRun, getDryRun, latestDryRun, startDryRun } from "../services/dry-run/dry-runs";
import { dryRunContactsQuery, dryRunParams, dryRunReasonParams } from "./dry-run-schemas";
import { idParam } from "./schemas";
import { sessionGuards } from "./session-guards";

/** Dry runs of a program for the canvas (issue 16.1): start, follow, cancel, contacts by reason. */
export function dryRunRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .post("/programs/:id", validate("param", idParam), async (c) => {
      const { created, dryRun } = await startDryRun(deps, c.var.actor, c.req.valid("param").id);
      return c.json(dryRun, created ? 202 : 200);
    })
    .get("/programs/:id/latest", validate("param", idParam), async (c) =>
      c.json({ dryRun: await latestDryRun(deps, c.var.actor, c.req.valid("param").id) }),
    )
    .get("/programs/:id/runs/:runId", validate("param", dryRunParams), async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await getDryRun(deps, c.var.actor, runId, id));
    })
    .post("/programs/:id/runs/:runId/cancel", validate("param", dryRunParams), async (c) => {
      const { id, runId } = c.req.valid("param");
      return c.json(await cancelDryRun(deps, c.var.actor, id, runId));
    })
    .get(
      "/programs/:id/runs/:runId/reasons/:reasonId/contacts",
      validate("param", dryRunReasonParams),
      validate("query", dryRunContactsQuery),
      async (c) => {
        const { id, runId, reasonId } = c.req.valid("param");
        return c.json(
          await dryRunContacts(deps, c.var.actor, id, runId, reasonId, c.req.valid("query")),
        );
      },
    )
    .get(
      "/programs/:id/runs/:runId/reasons/:reasonId/contacts.csv",
      validate("param", dryRunReasonParams),
      async (c) => {
        const { id, runId, reasonId } = c.req.valid("param");
        const stream = await dryRunContactsCsv(deps, c.var.actor, id, runId, reasonId);
        return c.body(stream, 200, csvDownloadHeaders(`dry-run-contacts-${reasonId}.csv`));
      },
    );
}
