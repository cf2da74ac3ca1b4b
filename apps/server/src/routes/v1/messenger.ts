import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, errorResponses, jsonContent } from "./openapi-common";

export const profileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    pageId: z.string(),
    pageName: z.string(),
    status: z.enum(["enabled", "disabled"]),
    policyVersion: z.enum(["2018", "2020"]),
    optInFieldName: z.string().openapi({ example: "FBOPTIN_7KQ2" }),
    connection: z.enum(["ok", "lost"]),
    lastSuccessAt: z.string().datetime().nullable(),
    lastErrorAt: z.string().datetime().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi("MessengerProfile");

/** GET /messenger/profiles. */
export const listProfilesRoute = createRoute({
  method: "get",
  path: "/messenger/profiles",
  tags: ["Messenger"],
  summary: "The account's Messenger profiles",
  security: bearerSecurity,
  responses: {
    200: {
      description: "All profiles",
      content: jsonContent(z.object({ profiles: z.array(profileSchema) })),
    },
    ...errorResponses,
  },
});

/** GET /messenger/profiles/{id}/opt-in-links/{contactId}. */
export const optInLinkRoute = createRoute({
  method: "get",
  path: "/messenger/profiles/{id}/opt-in-links/{contactId}",
  tags: ["Messenger"],
  summary: "A contact's opt-in page and ref for a profile",
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
      contactId: z.uuid().openapi({ param: { name: "contactId", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "The link to send the contact, and the ref it carries",
      content: jsonContent(
        z.object({ url: z.string().url(), ref: z.string() }).openapi("OptInLink"),
      ),
    },
    ...errorResponses,
  },
});
