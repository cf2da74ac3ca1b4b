import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../http/app-env";
import { csvDownloadHeaders } from "../../http/csv-download";
import type { ServiceDeps } from "../../services/context";
import { dryRunContacts, dryRunContactsCsv } from "../../services/dry-run/dry-run-contacts";
import {
  cancelDryRun,
  getDryRun,
  latestDryRun,
  startDryRun,
} from "../../services/dry-run/dry-runs";
import {
  dryRunContactsQuery,
  dryRunContactsSchema,
  dryRunParams,
  dryRunReasonParams,
  dryRunSchema,
} from "../dry-run-schemas";
import { bearerSecurity, errorResponses, errorSchema, jsonContent } from "./openapi-common";

const common = { tags: ["Dry runs"], security: bearerSecurity };
const programParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

const startRoute = createRoute({
  ...common,
  method: "post",
  path: "/programs/{id}/dry-runs",
  summary: "Test the program's saved version on its Start list's contacts, sending nothing",
  description:
    "Starts a dry run and answers at once; follow it with GET until `status` is not `running`. Waits are taken as elapsed and Decisions judged on the contacts' data now. A dry run of this program still running is returned (200) instead of starting another.",
  request: { params: programParams },
  responses: {
    202: { description: "Started", content: jsonContent(dryRunSchema) },
    200: {
      description: "A dry run of this program is already running",
      content: jsonContent(dryRunSchema),
    },
    409: {
      description: "`no_start`, `no_start_list`: nothing to test from",
      content: jsonContent(errorSchema),
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  ...common,
  method: "get",
  path: "/programs/{id}/dry-runs/{runId}",
  summary: "A dry run's progress and result, and whether it is stale",
  request: { params: dryRunParams },
  responses: {
    200: { description: "The dry run", content: jsonContent(dryRunSchema) },
    ...errorResponses,
  },
});

const cancelRoute = createRoute({
  ...common,
  method: "post",
  path: "/programs/{id}/dry-runs/{runId}/cancel",
  summary: "Stop a running dry run (what it counted so far is kept)",
  request: { params: dryRunParams },
  responses: {
    200: { description: "The dry run, cancelled", content: jsonContent(dryRunSchema) },
    ...errorResponses,
  },
});

const contactsRoute = createRoute({
  ...common,
  method: "get",
  path: "/programs/{id}/dry-runs/{runId}/reasons/{reasonId}/contacts",
  summary: "The contacts behind one of a dry run's reasons, by pages",
  request: { params: dryRunReasonParams, query: dryRunContactsQuery },
  responses: {
    200: { description: "A page of contacts", content: jsonContent(dryRunContactsSchema) },
    ...errorResponses,
  },
});

const latestRoute = createRoute({
  ...common,
  method: "get",
  path: "/programs/{id}/dry-runs/latest",
  summary: "The program's newest dry run (any version), or null when it was never tested",
  request: { params: programParams },
  responses: {
    200: {
      description: "The newest dry run",
      content: jsonContent(z.object({ dryRun: dryRunSchema.nullable() })),
    },
    ...errorResponses,
  },
});

const csvRoute = createRoute({
  ...common,
  method: "get",
  path: "/programs/{id}/dry-runs/{runId}/reasons/{reasonId}/contacts.csv",
  summary: "All the contacts behind one of a dry run's reasons, as CSV (name, email)",
  request: { params: dryRunReasonParams },
  responses: {
    200: {
      description: "A CSV file with a `name,email` header row, one contact a line",
      content: { "text/csv": { schema: z.string() } },
    },
    ...errorResponses,
  },
});

/** The public API's dry-run routes (issue 16.1), documented in its OpenAPI document. */
export function registerDryRunRoutes(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(startRoute, async (c) => {
    const { created, dryRun } = await startDryRun(deps, c.var.actor, c.req.valid("param").id);
    return created ? c.json(dryRun, 202) : c.json(dryRun, 200);
  });
  // Before `{runId}`, which would take "latest" for a run id.
  app.openapi(latestRoute, async (c) =>
    c.json({ dryRun: await latestDryRun(deps, c.var.actor, c.req.valid("param").id) }, 200),
  );
  app.openapi(getRoute, async (c) => {
    const { id, runId } = c.req.valid("param");
    return c.json(await getDryRun(deps, c.var.actor, runId, id), 200);
  });
  app.openapi(cancelRoute, async (c) => {
    const { id, runId } = c.req.valid("param");
    return c.json(await cancelDryRun(deps, c.var.actor, id, runId), 200);
  });
  app.openapi(contactsRoute, async (c) => {
    const { id, runId, reasonId } = c.req.valid("param");
    return c.json(
      await dryRunContacts(deps, c.var.actor, id, runId, reasonId, c.req.valid("query")),
      200,
    );
  });
  app.openapi(csvRoute, async (c) => {
    const { id, runId, reasonId } = c.req.valid("param");
    const stream = await dryRunContactsCsv(deps, c.var.actor, id, runId, reasonId);
    return c.body(stream, 200, csvDownloadHeaders(`dry-run-contacts-${reasonId}.csv`));
  });
}
