import { createRoute, z } from "@hono/zod-openapi";
import { storableText } from "@waymark/domain";
import { bearerSecurity, errorResponses, jsonContent } from "./openapi-common";

export const listSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.string().datetime(),
    memberCount: z.number().int(),
  })
  .openapi("List");

/** POST /lists. */
export const createListRoute = createRoute({
  method: "post",
  path: "/lists",
  tags: ["Lists"],
  summary: "Create a list",
  security: bearerSecurity,
  request: {
    body: {
      content: jsonContent(
        z.strictObject({ name: storableText().max(200).openapi({ example: "Newsletter" }) }),
      ),
      required: true,
    },
  },
  responses: {
    201: { description: "The new list", content: jsonContent(listSchema) },
    ...errorResponses,
  },
});

const addResultSchema = z
  .object({
    added: z.number().int(),
    alreadyMembers: z.number().int(),
    notFound: z.array(
      z.object({
        contactId: z.string().optional(),
        email: z.string().optional(),
        reason: z.string(),
      }),
    ),
  })
  .openapi("ListAddResult");

/** POST /lists/{id}/contacts. */
export const addListContactsRoute = createRoute({
  method: "post",
  path: "/lists/{id}/contacts",
  tags: ["Lists"],
  summary: "Add contacts to a list by ids or emails",
  security: bearerSecurity,
  request: {
    params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }),
    body: {
      content: jsonContent(
        z
          .strictObject({
            contactIds: z.array(z.uuid()).max(10_000).optional(),
            emails: z.array(storableText().max(320)).max(10_000).optional(),
          })
          .openapi("ListAdd"),
      ),
      required: true,
    },
  },
  responses: {
    200: {
      description: "What was added, and what was not and why",
      content: jsonContent(addResultSchema),
    },
    ...errorResponses,
  },
});
