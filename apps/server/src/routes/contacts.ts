import { contactMergeRequestSchema, storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { csvDownloadHeaders } from "../http/csv-download";
import { validate } from "../http/validate";
import {
  CONTACTS_SHOWN,
  contactCursor,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from "../services/contacts/contacts";
import { exportContacts } from "../services/contacts/export-contacts";
import { mergeContactInto, previewMerge } from "../services/contacts/merge-contacts";
import type { ServiceDeps } from "../services/context";
import type { OptInLinkDeps } from "../services/messenger/opt-in";
import { idParam, pageQuery, valuesInput } from "./schemas";
import { sessionGuards } from "./session-guards";

const filterQuery = z.object({
  search: storableText().max(200).optional(),
  show: z.enum(CONTACTS_SHOWN, { error: "must be all or subscribers-without-email" }).optional(),
});
const listQuery = pageQuery(contactCursor).extend(filterQuery.shape);

/** Contacts: search, pages, create, edit, delete. */
export function contactRoutes(deps: ServiceDeps & OptInLinkDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/", validate("query", listQuery), async (c) =>
      c.json(await listContacts(deps, c.var.actor, c.req.valid("query"))),
    )
    .get("/export.csv", validate("query", filterQuery), async (c) => {
      const { filename, stream } = await exportContacts(deps, c.var.actor, c.req.valid("query"));
      return c.body(stream, 200, csvDownloadHeaders(filename));
    })
    .post(
      "/",
      validate(
        "json",
        z.strictObject({ email: storableText().max(320), values: valuesInput.optional() }),
      ),
      async (c) => c.json(await createContact(deps, c.var.actor, c.req.valid("json")), 201),
    )
    .get("/:id", validate("param", idParam), async (c) =>
      c.json(await getContact(deps, c.var.actor, c.req.valid("param").id)),
    )
    .patch(
      "/:id",
      validate("param", idParam),
      validate(
        "json",
        z.strictObject({
          email: storableText().max(320).optional(),
          values: valuesInput.optional(),
        }),
      ),
      async (c) =>
        c.json(
          await updateContact(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
        ),
    )
    .get(
      "/:id/merge-preview",
      validate("param", idParam),
      validate("query", contactMergeRequestSchema),
      async (c) =>
        c.json(
          await previewMerge(deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").from),
        ),
    )
    .post(
      "/:id/merge",
      validate("param", idParam),
      validate("json", contactMergeRequestSchema),
      async (c) =>
        c.json(
          await mergeContactInto(
            deps,
            c.var.actor,
            c.req.valid("param").id,
            c.req.valid("json").from,
          ),
        ),
    )
    .delete("/:id", validate("param", idParam), async (c) => {
      await deleteContact(deps, c.var.actor, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
