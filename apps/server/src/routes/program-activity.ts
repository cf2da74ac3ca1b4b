import { storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { validate } from "../http/validate";
import {
  contactProgramHistory,
  MESSAGE_COUNT_KINDS,
  nodeContactCursor,
  nodeContacts,
  programNodeStats,
} from "../services/activity/program-activity";
import type { ServiceDeps } from "../services/context";
import { idParam, pageQuery } from "./schemas";
import { sessionGuards } from "./session-guards";

/** What running programs did: per-node counts, the contacts behind them, a contact's history. */
export function programActivityRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/programs/:id", validate("param", idParam), async (c) =>
      c.json(await programNodeStats(deps, c.var.actor, c.req.valid("param").id)),
    )
    .get(
      "/programs/:id/nodes/:nodeId/contacts",
      validate("param", z.object({ id: z.uuid(), nodeId: storableText().min(1).max(64) })),
      validate(
        "query",
        pageQuery(nodeContactCursor).extend({
          kind: z.enum(["now", "passed", ...MESSAGE_COUNT_KINDS]).default("now"),
        }),
      ),
      async (c) => {
        const { id, nodeId } = c.req.valid("param");
        return c.json(await nodeContacts(deps, c.var.actor, id, nodeId, c.req.valid("query")));
      },
    )
    .get("/contacts/:id", validate("param", idParam), async (c) =>
      c.json(await contactProgramHistory(deps, c.var.actor, c.req.valid("param").id)),
    );
}
