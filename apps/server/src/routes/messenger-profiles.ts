import { type ProfileUsage, type ProgramRef, storableText } from "@waymark/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { requireSession } from "../http/session-auth";
import { validate } from "../http/validate";
import { createProfile } from "../services/messenger/create-profile";
import { deleteProfiles } from "../services/messenger/delete-profiles";
import { completeFacebookLogin, startFacebookLogin } from "../services/messenger/facebook-login";
import { getProfile, listProfiles } from "../services/messenger/list-profiles";
import { listLoginPages } from "../services/messenger/login-pages";
import type { MessengerDeps } from "../services/messenger/messenger-deps";
import { getOptInLink, websiteSnippet } from "../services/messenger/opt-in";
import { exportOptInLinks } from "../services/messenger/opt-in-links-export";
import { reconnectProfile } from "../services/messenger/reconnect-profile";
import { updateProfile } from "../services/messenger/update-profile";
import { activeProgramsByProfile } from "../services/programs/active-programs-by-profile";
import { idParam } from "./schemas";
import { sessionGuards } from "./session-guards";

const status = z.enum(["enabled", "disabled"], { error: "must be Enabled or Disabled" });
const createInput = z.strictObject({
  name: storableText({ error: "is required" }).max(200),
  loginId: z.uuid({ error: "log in to Facebook first" }),
  pageId: storableText({ error: "choose a Facebook page" })
    .min(1, "choose a Facebook page")
    .max(64),
  status,
});

// What Facebook's redirect back carries; other parameters are ignored.
const callbackQuery = z.object({
  state: storableText().max(200).optional(),
  code: storableText().max(4000).optional(),
  error: storableText().max(500).optional(),
  error_description: storableText().max(4000).optional(),
});

/** Facebook Login for Messenger profiles: start, and the redirect back from Facebook. */
export function facebookLoginRoutes(deps: MessengerDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .get("/oauth/callback", requireSession(deps), validate("query", callbackQuery), async (c) => {
      const target = await completeFacebookLogin(deps, c.var.actor, c.req.valid("query"));
      return c.redirect(target, 302);
    })
    .use("*", ...sessionGuards(deps, publicUrl))
    .post(
      "/logins",
      validate("json", z.strictObject({ returnTo: storableText().max(300).optional() })),
      async (c) =>
        c.json(await startFacebookLogin(deps, c.var.actor, c.req.valid("json").returnTo), 201),
    )
    .get("/logins/:id/pages", validate("param", idParam), async (c) =>
      c.json({ pages: await listLoginPages(deps, c.var.actor, c.req.valid("param").id) }),
    );
}

/** Account settings > Channel management > Messenger (SPEC §4). */
export function messengerProfileRoutes(deps: MessengerDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/", async (c) => {
      const profiles = await listProfiles(deps, c.var.actor);
      const usage = await activeProgramsByProfile(
        deps,
        c.var.actor,
        profiles.map((p) => p.id),
      );
      return c.json({
        profiles: profiles.map((p) => ({ ...p, ...usageOf(usage, p.id) })),
      });
    })
    .post("/", validate("json", createInput), async (c) =>
      c.json(await createProfile(deps, c.var.actor, c.req.valid("json")), 201),
    )
    .post(
      "/delete",
      validate(
        "json",
        z.strictObject({ ids: z.array(z.uuid()).min(1, "choose at least one profile").max(100) }),
      ),
      async (c) => c.json(await deleteProfiles(deps, c.var.actor, c.req.valid("json").ids)),
    )
    .get("/:id", validate("param", idParam), async (c) => {
      const profile = await getProfile(deps, c.var.actor, c.req.valid("param").id);
      const usage = await activeProgramsByProfile(deps, c.var.actor, [profile.id]);
      return c.json({
        ...profile,
        ...usageOf(usage, profile.id),
        snippet: websiteSnippet(deps, profile.pageId),
      });
    })
    .patch(
      "/:id",
      validate("param", idParam),
      validate(
        "json",
        z.strictObject({ name: storableText().max(200).optional(), status: status.optional() }),
      ),
      async (c) =>
        c.json(
          await updateProfile(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
        ),
    )
    .post(
      "/:id/reconnect",
      validate("param", idParam),
      validate("json", z.strictObject({ loginId: z.uuid() })),
      async (c) =>
        c.json(
          await reconnectProfile(
            deps,
            c.var.actor,
            c.req.valid("param").id,
            c.req.valid("json").loginId,
          ),
        ),
    )
    .get(
      "/:id/opt-in-links.csv",
      validate("param", idParam),
      validate("query", z.object({ listId: z.uuid({ error: "is not an id" }) })),
      async (c) => {
        const { filename, stream } = await exportOptInLinks(
          deps,
          c.var.actor,
          c.req.valid("param").id,
          c.req.valid("query").listId,
        );
        return c.body(stream, 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${filename}"`,
          "cache-control": "no-store",
        });
      },
    )
    .get(
      "/:id/opt-in-links/:contactId",
      validate("param", z.object({ id: z.uuid(), contactId: z.uuid() })),
      async (c) => {
        const { id, contactId } = c.req.valid("param");
        return c.json(await getOptInLink(deps, c.var.actor, id, contactId));
      },
    );
}

/** A profile's usage as the app is told it (the domain's schema is the shape). */
function usageOf(usage: ReadonlyMap<string, ProgramRef[]>, profileId: string): ProfileUsage {
  return { activePrograms: usage.get(profileId) ?? [] };
}
