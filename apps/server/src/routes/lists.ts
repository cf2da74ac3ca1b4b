import { storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import {
  addToList,
  createList,
  deleteList,
  getList,
  listLists,
  listMembersPage,
  memberCursor,
  removeFromList,
  renameList,
} from "../services/contacts/lists";
import type { ServiceDeps } from "../services/context";
import { idParam, pageQuery } from "./schemas";
import { sessionGuards } from "./session-guards";

const nameInput = z.strictObject({ name: storableText({ error: "is required" }).max(200) });
export const addMembersInput = z
  .strictObject({
    contactIds: z
      .array(z.uuid({ error: "must be contact ids" }))
      .max(10_000)
      .optional(),
    emails: z.array(storableText().max(320)).max(10_000).optional(),
  })
  .refine((v) => (v.contactIds?.length ?? 0) + (v.emails?.length ?? 0) > 0, {
    message: "give contactIds or emails",
    path: ["contactIds"],
  });

/** Lists: create, rename, delete, members. */
export function listRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/", async (c) => c.json({ lists: await listLists(deps, c.var.actor) }))
    .post("/", validate("json", nameInput), async (c) =>
      c.json(await createList(deps, c.var.actor, c.req.valid("json").name), 201),
    )
    .get("/:id", validate("param", idParam), async (c) =>
      c.json(await getList(deps, c.var.actor, c.req.valid("param").id)),
    )
    .patch("/:id", validate("param", idParam), validate("json", nameInput), async (c) =>
      c.json(
        await renameList(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json").name),
      ),
    )
    .delete("/:id", validate("param", idParam), async (c) => {
      await deleteList(deps, c.var.actor, c.req.valid("param").id);
      return c.body(null, 204);
    })
    .get(
      "/:id/members",
      validate("param", idParam),
      validate("query", pageQuery(memberCursor)),
      async (c) =>
        c.json(
          await listMembersPage(deps, c.var.actor, c.req.valid("param").id, c.req.valid("query")),
        ),
    )
    .post(
      "/:id/members",
      validate("param", idParam),
      validate("json", addMembersInput),
      async (c) =>
        c.json(await addToList(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json"))),
    )
    .delete(
      "/:id/members/:contactId",
      validate("param", z.object({ id: z.uuid(), contactId: z.uuid() })),
      async (c) => {
        const { id, contactId } = c.req.valid("param");
        await removeFromList(deps, c.var.actor, id, contactId);
        return c.body(null, 204);
      },
    );
}
