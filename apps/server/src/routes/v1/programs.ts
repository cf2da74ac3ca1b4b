import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { PROGRAM_ISSUE_CODES, programDocumentSchema, storableText } from "@waymark/domain";
import type { AppEnv } from "../../http/app-env";
import { activateProgram, deactivateProgram } from "../../services/programs/change-program-state";
import { createProgram } from "../../services/programs/create-program";
import { getProgram } from "../../services/programs/get-program";
import { listPrograms } from "../../services/programs/list-programs";
import type { ProgramDeps } from "../../services/programs/program-deps";
import { saveProgram } from "../../services/programs/save-program";
import { programVersion } from "../schemas";
import { bearerSecurity, errorResponses, errorSchema, jsonContent } from "./openapi-common";

// The document is described by the domain's schema (registered as a component below) but
// checked by the service, so both APIs migrate old documents and word problems alike.
const documentComponent = z
  .lazy(() => programDocumentSchema)
  .openapi("ProgramDocument", {
    description:
      "The program graph as the builder draws it: `nodes` (Start, Messenger, Wait, Decision, Update contact, End; each with `id`, `type`, `position` and typed `data`) and `edges` from a node's output to another node (`sourceHandle` is `yes` or `no` for a Decision's outputs, null otherwise). A draft may be incomplete; activation validates it.",
  });
const documentRef = { allOf: [{ $ref: "#/components/schemas/ProgramDocument" }] };
const documentField = z
  .unknown()
  .refine((value) => value !== undefined, "is required")
  .openapi(documentRef);

const summaryFields = {
  id: z.uuid(),
  name: z.string().openapi({ example: "Welcome series" }),
  status: z.enum(["draft", "active", "deactivated"]),
  version: z.number().int().openapi({ description: "Send it back with PUT for concurrency" }),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  updatedBy: z
    .object({ id: z.uuid(), email: z.string() })
    .nullable()
    .openapi({ description: "The user who last changed it; null when it was the API" }),
};
const summarySchema = z.object(summaryFields).openapi("ProgramSummary");
const programSchema = z
  .object({ ...summaryFields, document: documentComponent })
  .openapi("Program");

const activatedSchema = programSchema
  .extend({
    warnings: z.array(z.string()).openapi({
      description:
        "Why activation went on unchecked, e.g. Facebook did not answer in time about a profile",
    }),
  })
  .openapi("ActivatedProgram");

const issueSchema = z
  .object({
    code: z.enum(PROGRAM_ISSUE_CODES),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    path: z.string().optional(),
  })
  .openapi("ProgramIssue");

const conflict = {
  409: {
    description:
      "`stale_version`: saved by someone else since `version`; `program_active`: active programs are read-only; `program_invalid`: `details.issues` lists what blocks activation",
    content: jsonContent(errorSchema),
  },
} as const;

const idParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
const stateBody = {
  content: jsonContent(
    z
      .strictObject({
        version: programVersion().optional().openapi({
          description: "Refuse with 409 stale_version unless this is the stored version",
        }),
      })
      .openapi("ProgramStateChange"),
  ),
  required: false,
};
const common = { tags: ["Programs"], security: bearerSecurity };

export const listProgramsRoute = createRoute({
  ...common,
  method: "get",
  path: "/programs",
  summary: "The account's programs, most recently changed first",
  responses: {
    200: {
      description: "Programs without their documents",
      content: jsonContent(z.object({ programs: z.array(summarySchema) })),
    },
    ...errorResponses,
  },
});

export const createProgramRoute = createRoute({
  ...common,
  method: "post",
  path: "/programs",
  summary: "Create a draft program from a program document",
  request: {
    body: {
      content: jsonContent(
        z
          .strictObject({
            name: storableText().max(1000).openapi({ example: "Welcome series" }),
            document: z.unknown().optional().openapi(documentRef),
          })
          .openapi("ProgramCreate"),
      ),
      required: true,
    },
  },
  responses: {
    201: { description: "The new draft", content: jsonContent(programSchema) },
    ...errorResponses,
  },
});

export const getProgramRoute = createRoute({
  ...common,
  method: "get",
  path: "/programs/{id}",
  summary: "A program with its document and version",
  request: { params: idParams },
  responses: {
    200: { description: "The program", content: jsonContent(programSchema) },
    ...errorResponses,
  },
});

export const updateProgramRoute = createRoute({
  ...common,
  method: "put",
  path: "/programs/{id}",
  summary: "Replace a draft or deactivated program's document (optimistic concurrency)",
  request: {
    params: idParams,
    body: {
      content: jsonContent(
        z
          .strictObject({
            version: programVersion().openapi({
              description: "The version you read; a save over a newer one is refused with 409",
            }),
            name: storableText().max(1000).optional(),
            document: documentField,
          })
          .openapi("ProgramUpdate"),
      ),
      required: true,
    },
  },
  responses: {
    200: { description: "Saved; `version` is one higher", content: jsonContent(programSchema) },
    ...errorResponses,
    ...conflict,
  },
});

export const activateProgramRoute = createRoute({
  ...common,
  method: "post",
  path: "/programs/{id}/activate",
  summary:
    "Activate a program: validates it, asking Facebook live whether its profiles still work, then starts enrolling and sending",
  request: { params: idParams, body: stateBody },
  responses: {
    200: { description: "The active program", content: jsonContent(activatedSchema) },
    ...errorResponses,
    ...conflict,
  },
});

export const deactivateProgramRoute = createRoute({
  ...common,
  method: "post",
  path: "/programs/{id}/deactivate",
  summary: "Deactivate a program: stops enrolling and sending; contacts stay where they are",
  request: { params: idParams, body: stateBody },
  responses: {
    200: { description: "The deactivated program", content: jsonContent(programSchema) },
    ...errorResponses,
    ...conflict,
  },
});

/** Registers the public API's program routes (SPEC §11) on the /api/v1 app. */
export function registerProgramRoutes(app: OpenAPIHono<AppEnv>, deps: ProgramDeps) {
  app.openAPIRegistry.register("ProgramIssue", issueSchema);
  app.openapi(listProgramsRoute, async (c) =>
    c.json({ programs: await listPrograms(deps, c.var.actor) }, 200),
  );
  app.openapi(createProgramRoute, async (c) =>
    c.json(await createProgram(deps, c.var.actor, c.req.valid("json")), 201),
  );
  app.openapi(getProgramRoute, async (c) =>
    c.json(await getProgram(deps, c.var.actor, c.req.valid("param").id), 200),
  );
  app.openapi(updateProgramRoute, async (c) =>
    c.json(await saveProgram(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
  );
  app.openapi(activateProgramRoute, async (c) =>
    c.json(
      await activateProgram(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
  app.openapi(deactivateProgramRoute, async (c) =>
    c.json(
      await deactivateProgram(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
}
