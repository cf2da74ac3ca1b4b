import { createRoute, z } from "@hono/zod-openapi";
import { storableText } from "@waymark/domain";
import { bearerSecurity, errorResponses, jsonContent } from "./openapi-common";

const enrolBody = z
  .strictObject({
    contactIds: z.array(z.uuid()).max(10_000).optional(),
    emails: z.array(storableText().max(320)).max(10_000).optional(),
  })
  .refine((v) => (v.contactIds?.length ?? 0) + (v.emails?.length ?? 0) > 0, {
    message: "give contactIds or emails",
    path: ["contactIds"],
  })
  .openapi("EnrolmentRequest");

const enrolResult = z
  .object({
    enrolled: z.number().int().openapi({ description: "Contacts that entered the program" }),
    skipped: z.array(
      z.object({
        contactId: z.string().optional(),
        email: z.string().optional(),
        reason: z.enum(["no such contact", "not a valid email address", "already in the program"]),
      }),
    ),
  })
  .openapi("EnrolmentResult");

/** POST /programs/{id}/enrolments. */
export const enrolRoute = createRoute({
  method: "post",
  path: "/programs/{id}/enrolments",
  tags: ["Programs"],
  summary: "Enrol contacts into an active program by ids or emails",
  security: bearerSecurity,
  request: {
    params: z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) }),
    body: { content: jsonContent(enrolBody), required: true },
  },
  responses: {
    200: {
      description: "How many were enrolled, and which were skipped and why",
      content: jsonContent(enrolResult),
    },
    409: {
      description: "The program is not active or does not accept API enrolment",
      content: errorResponses[400].content,
    },
    ...errorResponses,
  },
});
