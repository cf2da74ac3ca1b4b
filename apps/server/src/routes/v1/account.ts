import { createRoute, z } from "@hono/zod-openapi";

export const accountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string().openapi({ example: "Europe/London" }),
  })
  .openapi("Account");

/** GET /account: the account the API key belongs to. */
export const getAccountRoute = createRoute({
  method: "get",
  path: "/account",
  tags: ["Account"],
  summary: "The account this API key belongs to",
  security: [{ apiKey: [] }],
  responses: {
    200: { description: "The account", content: { "application/json": { schema: accountSchema } } },
    401: { description: "Missing, unknown or revoked API key" },
  },
});
