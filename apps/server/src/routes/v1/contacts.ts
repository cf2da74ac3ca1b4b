import { createRoute, z } from "@hono/zod-openapi";
import { contactMergeRequestSchema, contactMergeResultSchema, storableText } from "@waymark/domain";
import { bearerSecurity, errorResponses, errorSchema, jsonContent } from "./openapi-common";

const fieldValue = z.union([z.string(), z.number(), z.boolean()]).openapi("FieldValue", {
  description: "Text, a number, a date as YYYY-MM-DD, or true/false for Yes/No fields",
});

export const contactSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable().openapi({
      example: "ana@example.com",
      description:
        "Lower-cased, unique in the account; null for a Messenger subscriber who opted in without a known contact (their PSID is in the profile's FBOPTIN_XXX field)",
    }),
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
  description:
    "A contact merged into another answers 404 with `error.code` `contact_merged` and `error.details.mergedInto`, the id of the contact it went into.",
  security: bearerSecurity,
  request: { params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: { description: "The contact", content: jsonContent(contactSchema) },
    ...errorResponses,
  },
});

/** GET /contacts?email= or ?field=&value=. */
export const findContactRoute = createRoute({
  method: "get",
  path: "/contacts",
  tags: ["Contacts"],
  summary: "Find a contact by email, or by a data field's value",
  description:
    "Give either `email`, or `field` and `value`: e.g. `field=FBOPTIN_7KQ2&value=<PSID>` finds the Messenger subscriber with that page-scoped id. A field the account does not have is a 400 naming `field`.",
  security: bearerSecurity,
  request: {
    query: z
      .object({
        email: storableText()
          .max(320)
          .optional()
          .openapi({ param: { name: "email", in: "query" }, example: "ana@example.com" }),
        field: storableText()
          .max(40)
          .optional()
          .openapi({ param: { name: "field", in: "query" }, example: "FBOPTIN_7KQ2" }),
        value: storableText()
          .max(10_000)
          .optional()
          .openapi({ param: { name: "value", in: "query" }, example: "1254477777772919" }),
      })
      .superRefine((q, ctx) => {
        const byField = q.field !== undefined || q.value !== undefined;
        if (q.email !== undefined && byField) {
          ctx.addIssue({
            code: "custom",
            path: ["email"],
            message: "give email, or field and value, not both",
          });
        } else if (q.email === undefined && !byField) {
          ctx.addIssue({
            code: "custom",
            path: ["email"],
            message: "give email, or field and value",
          });
        } else if (byField && q.field === undefined) {
          ctx.addIssue({ code: "custom", path: ["field"], message: "is required with value" });
        } else if (byField && q.value === undefined) {
          ctx.addIssue({ code: "custom", path: ["value"], message: "is required with field" });
        }
      }),
  },
  responses: {
    200: { description: "The contact", content: jsonContent(contactSchema) },
    ...errorResponses,
  },
});

// The domain's shapes, rebuilt with this package's zod so they carry OpenAPI names.
const mergeResultSchema = z.object(contactMergeResultSchema.shape).openapi("ContactMergeResult");

/** POST /contacts/{id}/merge: merge another contact into this one. */
export const mergeContactRoute = createRoute({
  method: "post",
  path: "/contacts/{id}/merge",
  tags: ["Contacts"],
  summary: "Merge another contact into this one",
  description:
    "The contact `from` is merged into the contact of the path, in one transaction: this contact keeps its email (or takes `from`'s when it has none) and its data field values, empty ones filled from `from`; list memberships are united; program history and Messenger messages of both stay on this contact. Where both are active in one program, this contact's enrolment stays active and the other ends, its history saying it was merged. Where both are opted in on one Messenger profile, this contact's link is kept. `from` is then gone: reading it answers 404 with `error.code` `contact_merged` and `details.mergedInto`. Merging it again answers 200 with `status` `already_merged` and changes nothing; merging a contact already merged into a different one is a 409.",
  security: bearerSecurity,
  request: {
    params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }),
    body: {
      content: jsonContent(
        z.strictObject(contactMergeRequestSchema.shape).openapi("ContactMerge", {
          example: { from: "4f7c1f9e-2a53-4c1b-9a77-0b3e5f0f6a21" },
        }),
      ),
      required: true,
    },
  },
  responses: {
    200: { description: "Merged, or merged before", content: jsonContent(mergeResultSchema) },
    409: {
      description: "`from` was already merged into another contact",
      content: jsonContent(errorSchema),
    },
    ...errorResponses,
  },
});
