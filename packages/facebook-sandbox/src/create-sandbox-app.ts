import { Hono } from "hono";
import { PatternRouter } from "hono/router/pattern-router";
import type { SandboxAdmin } from "./admin/sandbox-admin";
import type { SandboxContext } from "./context";
import { errorPage } from "./html/layout";
import { pageSecurityHeaders } from "./html/page-security";
import type { FacebookSandboxOptions } from "./options";
import { SandboxError } from "./people/sandbox-error";
import { registerAdminAccess } from "./routes/admin-access";
import { registerAdminRoutes } from "./routes/admin-routes";
import { registerGraphRoutes } from "./routes/graph/register-graph-routes";
import { registerOauthDialog } from "./routes/oauth-dialog";
import { registerPeopleRoutes } from "./routes/people-routes";
import { registerPluginRoutes } from "./routes/plugin-routes";

/** The sandbox's Hono app: Graph API, Login dialog, SDK, people pages and admin routes. */
export function createSandboxApp(
  ctx: SandboxContext,
  admin: SandboxAdmin,
  adminAccess?: FacebookSandboxOptions["adminAccess"],
): Hono {
  // The Graph routes' version pattern next to static segments defeats RegExpRouter, and
  // PatternRouter matches them in a third of TrieRouter's time (the Send API's hot path).
  const app = new Hono({ router: new PatternRouter() });
  app.use("*", pageSecurityHeaders(ctx.config.publicUrl));
  if (adminAccess) registerAdminAccess(app, ctx.config.publicUrl, adminAccess);
  registerOauthDialog(app, ctx);
  registerGraphRoutes(app, ctx);
  registerPluginRoutes(app, ctx);
  registerPeopleRoutes(app, ctx, admin);
  registerAdminRoutes(app, admin);
  app.onError((error, c) => {
    const json = c.req.path.includes("/_admin") || c.req.path.includes("/plugins/");
    if (error instanceof SandboxError) {
      if (json) return c.json({ error: { message: error.message } }, error.status);
      return c.html(errorPage(ctx.config.publicUrl, "Not possible", error.message), error.status);
    }
    ctx.log.error("fb-sandbox: request failed", { error: String(error), path: c.req.path });
    return json
      ? c.json({ error: { message: "Internal error" } }, 500)
      : c.html(errorPage(ctx.config.publicUrl, "Error", "Something went wrong."), 500);
  });
  return app;
}
