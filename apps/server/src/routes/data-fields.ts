import { storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import {
  createDataField,
  deleteDataField,
  listDataFields,
  updateDataFieldDefault,
} from "../services/contacts/data-fields";
import type { ServiceDeps } from "../services/context";
import { idParam } from "./schemas";
import { sessionGuards } from "./session-guards";

const defaultValue = z
  .union([storableText().max(10_000), z.number(), z.boolean(), z.null()])
  .optional();

const createInput = z.strictObject({
  name: storableText({ error: "is required" }).trim().min(1, "is required").max(40),
  type: z.enum(["text", "number", "date", "boolean"], {
    error: "must be Text, Number, Date or Yes/No",
  }),
  defaultValue,
});

/** Contacts > Data fields. */
export function dataFieldRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/", async (c) => c.json({ dataFields: await listDataFields(deps, c.var.actor) }))
    .post("/", validate("json", createInput), async (c) =>
      c.json(await createDataField(deps, c.var.actor, c.req.valid("json")), 201),
    )
    .patch(
      "/:id",
      validate("param", idParam),
      validate("json", z.strictObject({ defaultValue: defaultValue.transform((v) => v ?? null) })),
      async (c) =>
        c.json(
          await updateDataFieldDefault(
            deps,
            c.var.actor,
            c.req.valid("param").id,
            c.req.valid("json").defaultValue,
          ),
        ),
    )
    .delete("/:id", validate("param", idParam), async (c) => {
      await deleteDataField(deps, c.var.actor, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
