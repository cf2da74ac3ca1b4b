import { programIdSchema, storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import { activationSummary } from "../services/programs/activation-summary";
import { activateProgram, deactivateProgram } from "../services/programs/change-program-state";
import { checkProgram } from "../services/programs/check-program";
import { createProgram } from "../services/programs/create-program";
import { deleteProgram } from "../services/programs/delete-program";
import { duplicateProgram } from "../services/programs/duplicate-program";
import { getProgram } from "../services/programs/get-program";
import { listPrograms } from "../services/programs/list-programs";
import { checkLiveEdit } from "../services/programs/live-edit";
import type { ProgramDeps } from "../services/programs/program-deps";
import { saveProgram } from "../services/programs/save-program";
import { idParam, programVersion } from "./schemas";
import { sessionGuards } from "./session-guards";

const nameField = storableText({ error: "is required" }).max(1000);
// The document is checked by the service (migrations, limits, field-level messages).
const documentField = z.unknown();
const versionField = programVersion();

const createInput = z.strictObject({ name: nameField, document: documentField.optional() });
const nodeId = programIdSchema;
const liveEditsField = z.strictObject({
  moves: z.record(nodeId, nodeId.nullable()).optional(),
  waits: z.record(nodeId, z.enum(["all", "new"], { error: 'is "all" or "new"' })).optional(),
});
const saveInput = z.strictObject({
  version: versionField,
  name: nameField.optional(),
  document: documentField.refine((d) => d !== undefined, "is required"),
  liveEdits: liveEditsField.optional(),
});
const checkEditInput = z.strictObject({
  document: documentField.refine((d) => d !== undefined, "is required"),
});
const validateInput = z.strictObject({ document: documentField.optional() });
const stateInput = z.strictObject({ version: versionField.optional() });

/** Programs (SPEC §5): list, create, read, save with a version, copy, delete, validate, states. */
export function programRoutes(deps: ProgramDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/", async (c) => c.json({ programs: await listPrograms(deps, c.var.actor) }))
    .post("/", validate("json", createInput), async (c) =>
      c.json(await createProgram(deps, c.var.actor, c.req.valid("json")), 201),
    )
    .get("/:id", validate("param", idParam), async (c) =>
      c.json(await getProgram(deps, c.var.actor, c.req.valid("param").id)),
    )
    .put("/:id", validate("param", idParam), validate("json", saveInput), async (c) =>
      c.json(await saveProgram(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json"))),
    )
    .post(
      "/:id/check-edit",
      validate("param", idParam),
      validate("json", checkEditInput),
      async (c) =>
        c.json(
          await checkLiveEdit(
            deps,
            c.var.actor,
            c.req.valid("param").id,
            c.req.valid("json").document,
          ),
        ),
    )
    .get("/:id/activation-summary", validate("param", idParam), async (c) =>
      c.json(await activationSummary(deps, c.var.actor, c.req.valid("param").id)),
    )
    .delete("/:id", validate("param", idParam), async (c) => {
      await deleteProgram(deps, c.var.actor, c.req.valid("param").id);
      return c.body(null, 204);
    })
    .post("/:id/duplicate", validate("param", idParam), async (c) =>
      c.json(await duplicateProgram(deps, c.var.actor, c.req.valid("param").id), 201),
    )
    .post("/:id/validate", validate("param", idParam), validate("json", validateInput), async (c) =>
      c.json(
        await checkProgram(
          deps,
          c.var.actor,
          c.req.valid("param").id,
          c.req.valid("json")?.document,
        ),
      ),
    )
    .post("/:id/activate", validate("param", idParam), validate("json", stateInput), async (c) =>
      c.json(
        await activateProgram(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
      ),
    )
    .post("/:id/deactivate", validate("param", idParam), validate("json", stateInput), async (c) =>
      c.json(
        await deactivateProgram(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
      ),
    );
}
