import { createRoute, z } from "@hono/zod-openapi";
import { storableText } from "@waymark/domain";
import { bearerSecurity, errorResponses, jsonContent } from "./openapi-common";

const fieldValue = z.union([z.string(), z.number(), z.boolean()]).openapi("FieldValue", {
  description: "Text, a number, a date as YYYY-MM-DD, or true/false for Yes/No fields",
});

export const contactSchema = z
  .object({
    id: z.uuid(),
    email: z.string().openapi({ example: "ana@example.com" }),
    values: z.record(z.string(), fieldValue).openapi({ example: { FIRSTNAME: "Ana" } }),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
    lists: z.array(z.object({ id: z.uuid(), name: z.string(), addedAt: z.string().datetime() })),
  })
  .openapi("Contact");

const upsertBody = z
  .strictObject({
    email: storableText().max(320).openapi({ example: "Ana@Example.com" }),
    values: z
      .record(
        storableText().max(40),
        z.union([storableText().max(10_000), z.number(), z.boolean(), z.null()]),
      )
      .optional()
      .openapi({ description: "Data field values by field name; null clears a value" }),
  })
  .openapi("ContactUpsert");

/** POST /contacts: create or update by email (case-insensitive). */
export const upsertContactRoute = createRoute({
  method: "post",
  path: "/contacts",
  tags: ["Contacts"],
  summary: "Create or update a contact by email",
  security: bearerSecurity,
  request: { body: { content: jsonContent(upsertBody), required: true } },
  responses: {
    200: { description: "Updated an existing contact", content: jsonContent(contactSchema) },
    201: { description: "Created a new contact", content: jsonContent(contactSchema) },
    ...errorResponses,
  },
});

/** GET /contacts/{id}. */
export const getContactRoute = createRoute({
  method: "get",
  path: "/contacts/{id}",
  tags: ["Contacts"],
  summary: "A contact with its data field values and lists",
  security: bearerSecurity,
  request: { params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: { description: "The contact", content: jsonContent(contactSchema) },
    ...errorResponses,
  },
});

/** GET /contacts?email=. */
export const findContactRoute = createRoute({
  method: "get",
  path: "/contacts",
  tags: ["Contacts"],
  summary: "Find a contact by email",
  security: bearerSecurity,
  request: {
    query: z.object({
      email: storableText()
        .max(320)
        .openapi({ param: { name: "email", in: "query" }, example: "ana@example.com" }),
    }),
  },
  responses: {
    200: { description: "The contact", content: jsonContent(contactSchema) },
    ...errorResponses,
  },
});
