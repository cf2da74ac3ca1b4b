import type { Hono, MiddlewareHandler } from "hono";
import { html } from "hono/html";
import { layout } from "../html/layout";
import type { AdminAuthorizer } from "../options";

/**
 * The sandbox's console: the admin API (it hands out Page tokens) and the pages that act as
 * its users and people. The Facebook surface (Graph API, Login dialog, SDK, plugin endpoints)
 * stays open: Facebook's own checks (tokens, app secret) guard it, and contacts opt in there.
 */
const CONSOLE_PATHS = [
  "/_admin/*",
  "/",
  "/people",
  "/people/*",
  "/users",
  "/pages/*",
  "/webhook/*",
  "/plugin-demo",
];

/** Refuses the console to requests `authorize` does not accept: 401, JSON or a page. */
export function registerAdminAccess(
  app: Hono,
  home: string,
  access: { authorize: AdminAuthorizer; signInUrl?: string },
): void {
  const guard: MiddlewareHandler = async (c, next) => {
    if (await access.authorize(c.req.raw)) return next();
    const message = "Sign in to use the Facebook sandbox's admin pages and API.";
    if (c.req.path.includes("/_admin/")) return c.json({ error: { message } }, 401);
    const signIn = access.signInUrl ? html`<p><a href="${access.signInUrl}">Sign in</a></p>` : "";
    return c.html(
      layout(
        "Sign in required",
        home,
        html`<section role="alert"><p>${message}</p>${signIn}</section>`,
      ),
      401,
    );
  };
  for (const path of CONSOLE_PATHS) app.use(path, guard);
}
