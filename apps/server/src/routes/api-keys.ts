import { storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { requireJsonBody } from "../http/body-guards";
import { sameOriginOnly } from "../http/csrf";
import { requireSession } from "../http/session-auth";
import { validate } from "../http/validate";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys/api-keys";
import type { ServiceDeps } from "../services/context";

const createInput = z.strictObject({
  name: storableText({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(100, "must be at most 100 characters"),
});
const idParam = z.object({ id: z.uuid({ error: "must be an API key id" }) });

/** Account settings > API keys (SPEC §2). */
export function apiKeyRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", sameOriginOnly(publicUrl), requireJsonBody, requireSession(deps))
    .get("/", async (c) => c.json({ apiKeys: await listApiKeys(deps, c.var.actor) }))
    .post("/", validate("json", createInput), async (c) => {
      const created = await createApiKey(deps, c.var.actor, c.req.valid("json").name);
      return c.json(created, 201);
    })
    .post("/:id/revoke", validate("param", idParam), async (c) => {
      return c.json(await revokeApiKey(deps, c.var.actor, c.req.valid("param").id));
    });
}
