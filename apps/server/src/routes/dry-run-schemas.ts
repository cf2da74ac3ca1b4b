import { z } from "@hono/zod-openapi";
import { dryRunContactCursor } from "../services/dry-run/dry-run-contacts";
import { pageQuery } from "./schemas";

// One set of request/response shapes for the browser's and the public API's dry-run routes.

const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: "path" } });

/** `/programs/{id}/dry-runs/{runId}` path parameters. */
export const dryRunParams = z.object({ id: uuidParam("id"), runId: uuidParam("runId") });

/** `/programs/{id}/dry-runs/{runId}/reasons/{reasonId}/contacts` path parameters. */
export const dryRunReasonParams = dryRunParams.extend({
  reasonId: z.coerce
    .number({ error: "is not a reason of this dry run" })
    .int()
    .min(1, "is not a reason of this dry run")
    .max(10_000, "is not a reason of this dry run")
    .openapi({ param: { name: "reasonId", in: "path" }, type: "integer" }),
});

/** Keyset paging of a reason's contacts. */
export const dryRunContactsQuery = pageQuery(dryRunContactCursor);

const nodeCounts = z
  .object({
    reached: z.number().int().openapi({ description: "Contacts that would reach this step" }),
    sent: z.number().int().openapi({ description: "Messenger sends that would go out here" }),
    skipped: z
      .number()
      .int()
      .openapi({ description: "Messenger sends that would not go out here" }),
  })
  .openapi("DryRunNodeCounts");

const reason = z
  .object({
    id: z.number().int().openapi({ description: "Ask for its contacts with this id" }),
    nodeId: z.string(),
    kind: z.enum(["skipped", "blank_field"]).openapi({
      description:
        "`skipped`: the step would not send, for `reason`; `blank_field`: it would send with the field named by `reason` empty (no value, no default)",
    }),
    reason: z.string().openapi({ example: "contact has not opted in" }),
    count: z.number().int(),
  })
  .openapi("DryRunReason");

/** A dry run: state, progress, result so far, whether it is stale, and what it assumes. */
export const dryRunSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    programVersion: z.number().int(),
    status: z.enum(["running", "done", "cancelled", "failed"]),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    evaluatedAt: z.string().datetime().openapi({
      description: "The 'now' of the run: Decisions and the 24-hour window are judged at it",
    }),
    finishedAt: z.string().datetime().nullable(),
    error: z.string().nullable(),
    stale: z.boolean().openapi({
      description: "The program, its profiles or the Start list's contacts changed since",
    }),
    staleReasons: z.array(z.string()),
    assumptions: z.array(z.string()),
    summary: z.object({
      contacts: z.number().int(),
      sends: z.number().int(),
      skips: z.number().int(),
      nodes: z.record(z.string(), nodeCounts).openapi({ description: "Counts by node id" }),
      reasons: z.array(reason),
      outcomes: z.record(z.string(), z.number().int()).openapi({
        description: "How many contacts would leave through each End outcome",
      }),
    }),
  })
  .openapi("DryRun");

/** A page of the contacts behind one reason. */
export const dryRunContactsSchema = z
  .object({
    contacts: z.array(
      z.object({ contactId: z.uuid(), email: z.string().nullable(), name: z.string() }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi("DryRunContacts");
