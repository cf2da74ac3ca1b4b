import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { storableText } from "@waymark/domain";
import type { AppEnv } from "../../http/app-env";
import type { ServiceDeps } from "../../services/context";
import { profileStatsForApi } from "../../services/statistics/api-stats";
import { MAX_RANGE_DAYS } from "../../services/statistics/stats-range";
import { bearerSecurity, errorResponses, jsonContent } from "./openapi-common";

const date = (name: "from" | "to", description: string) =>
  storableText()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
    .optional()
    .openapi({
      param: { name, in: "query" },
      example: name === "from" ? "2026-11-01" : "2026-11-30",
      description,
    });

const reasonSchema = z
  .object({
    kind: z.enum(["warning", "failed", "unknown"]).openapi({
      description:
        "`warning`: the Messenger node did not send (e.g. not opted in, outside the window); `failed`: Facebook refused the message; `unknown`: the outcome is not known (the sender stopped while sending)",
    }),
    reason: z.string().openapi({
      example: "This person blocked your page or stopped receiving messages",
      description: "In plain words; Facebook's errors are explained from their code",
    }),
    detail: z.string().nullable().openapi({
      example: "Facebook error 551/1545041: (#551) This person isn't available right now.",
      description: "Facebook's code and message as recorded (null for warnings)",
    }),
    count: z.number().int(),
  })
  .openapi("MessengerNotSentReason");

const daySchema = z
  .object({
    date: z
      .string()
      .openapi({ example: "2026-11-20", description: "A date in the account's time zone" }),
    sent: z
      .number()
      .int()
      .openapi({ description: "Messages Facebook accepted (delivered and read included)" }),
    delivered: z.number().int().openapi({ description: "Messages delivered (read included)" }),
    read: z.number().int(),
    notSent: z
      .object({
        total: z.number().int(),
        warnings: z.number().int(),
        errors: z.number().int().openapi({ description: "failed + unknown" }),
        failed: z.number().int(),
        unknown: z.number().int(),
        reasons: z.array(reasonSchema),
      })
      .openapi({ description: "Contacts not sent a message that day, by reason" }),
  })
  .openapi("MessengerStatsDay");

/** GET /messenger/profiles/{id}/stats. */
export const profileStatsRoute = createRoute({
  method: "get",
  path: "/messenger/profiles/{id}/stats",
  tags: ["Messenger"],
  summary: "A Messenger profile's usage statistics per day",
  description: `One entry per date from \`from\` to \`to\` (both included, dates in the account's time zone; days with no messages have zeros). Give both or neither: without them, the last 7 days (today and the six days before). At most ${MAX_RANGE_DAYS} days.`,
  security: bearerSecurity,
  request: {
    params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }),
    query: z.object({
      from: date("from", "First date, YYYY-MM-DD"),
      to: date("to", "Last date, YYYY-MM-DD"),
    }),
  },
  responses: {
    200: {
      description: "The per-day figures",
      content: jsonContent(
        z
          .object({
            profileId: z.uuid(),
            timeZone: z.string().openapi({ example: "Europe/London" }),
            from: z.string(),
            to: z.string(),
            days: z.array(daySchema),
          })
          .openapi("MessengerProfileStats"),
      ),
    },
    ...errorResponses,
  },
});

/** Registers the statistics route on the /api/v1 app. */
export function registerStatsRoutes(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(profileStatsRoute, async (c) =>
    c.json(
      await profileStatsForApi(deps, c.var.actor, c.req.valid("param").id, c.req.valid("query")),
      200,
    ),
  );
}
