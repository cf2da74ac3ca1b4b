import { createRoute, z } from "@hono/zod-openapi";
import { storableText } from "@waymark/domain";
import { bearerSecurity, errorResponses, jsonContent } from "./openapi-common";

export const dataFieldSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: "FIRSTNAME" }),
    type: z.enum(["text", "number", "date", "boolean"]),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).nullable(),
    defaultDisplay: z.string().nullable(),
    system: z.boolean().openapi({ description: "Created by Waymark (FBOPTIN_XXX); read-only" }),
    createdAt: z.string().datetime(),
  })
  .openapi("DataField");

/** GET /data-fields. */
export const listDataFieldsRoute = createRoute({
  method: "get",
  path: "/data-fields",
  tags: ["Data fields"],
  summary: "The account's contact data fields",
  security: bearerSecurity,
  responses: {
    200: {
      description: "All data fields",
      content: jsonContent(z.object({ dataFields: z.array(dataFieldSchema) })),
    },
    ...errorResponses,
  },
});

/** POST /data-fields. */
export const createDataFieldRoute = createRoute({
  method: "post",
  path: "/data-fields",
  tags: ["Data fields"],
  summary: "Create a data field",
  security: bearerSecurity,
  request: {
    body: {
      content: jsonContent(
        z
          .strictObject({
            name: storableText().max(40).openapi({
              example: "CITY",
              description:
                "Upper case letters, digits and _, starting with a letter, at most 20 characters",
            }),
            type: z.enum(["text", "number", "date", "boolean"]),
            defaultValue: z
              .union([storableText().max(10_000), z.number(), z.boolean(), z.null()])
              .optional(),
          })
          .openapi("DataFieldCreate"),
      ),
      required: true,
    },
  },
  responses: {
    201: { description: "The new field", content: jsonContent(dataFieldSchema) },
    ...errorResponses,
  },
});
