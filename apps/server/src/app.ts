import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { limitBody } from "./http/body-guards";
import { apiNotFound, errorHandler } from "./http/error-handler";
import { noStore } from "./http/no-store";
import { sessionCookiePolicy } from "./http/session-auth";
import { apiKeyRoutes } from "./routes/api-keys";
import { authRoutes } from "./routes/auth";
import { contactRoutes } from "./routes/contacts";
import { dataFieldRoutes } from "./routes/data-fields";
import { dryRunRoutes } from "./routes/dry-runs";
import { healthRoutes } from "./routes/health";
import { importRoutes } from "./routes/imports";
import { listRoutes } from "./routes/lists";
import { facebookLoginRoutes, messengerProfileRoutes } from "./routes/messenger-profiles";
import { onboardingRoutes } from "./routes/onboarding";
import { optInPageRoutes } from "./routes/opt-in-page";
import { programActivityRoutes } from "./routes/program-activity";
import { programRoutes } from "./routes/programs";
import { statisticsRoutes } from "./routes/statistics";
import { v1Routes } from "./routes/v1";
import { type WebhookRouteDeps, webhookRoutes } from "./routes/webhooks";
import type { MessengerDeps } from "./services/messenger/messenger-deps";

/** Everything the HTTP app needs, built once by the composition root. */
export interface AppDeps extends MessengerDeps, WebhookRouteDeps {
  /** New enrolments were written: wake the engine. */
  onEnrolled?: () => void;
  /** A program became active: start enrolling its Start list. */
  onProgramActivated?: () => void;
  publicUrl: string;
  secureCookies: boolean;
  /** Reverse proxies whose X-Forwarded-For names the client (login throttling per address). */
  trustedProxies: number;
  health: { database: string; facebook: string; engine: boolean };
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The browser app's JSON API, mounted at /api; its type drives the web app's typed client. */
export function createApiRoutes(deps: AppDeps) {
  return new Hono()
    .route("/health", healthRoutes(deps, deps.health))
    .route("/auth", authRoutes(deps, deps))
    .route("/api-keys", apiKeyRoutes(deps, deps.publicUrl))
    .route("/data-fields", dataFieldRoutes(deps, deps.publicUrl))
    .route("/contacts/imports", importRoutes(deps, deps.publicUrl))
    .route("/contacts", contactRoutes(deps, deps.publicUrl))
    .route("/lists", listRoutes(deps, deps.publicUrl))
    .route("/activity", programActivityRoutes(deps, deps.publicUrl))
    .route("/dry-runs", dryRunRoutes(deps, deps.publicUrl))
    .route("/messenger/facebook", facebookLoginRoutes(deps, deps.publicUrl))
    .route("/messenger/profiles", messengerProfileRoutes(deps, deps.publicUrl))
    .route("/messenger/statistics", statisticsRoutes(deps, deps.publicUrl))
    .route("/onboarding", onboardingRoutes(deps, deps.publicUrl))
    .route("/programs", programRoutes(deps, deps.publicUrl));
}

/** The whole HTTP surface: the app API, the public API, and (optionally) the built SPA. */
export function createApp(
  deps: AppDeps,
  extra?: { staticFiles?: Hono; mounts?: [string, Hono][] },
) {
  const app = new Hono();
  app.onError(errorHandler);
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  app.use("*", sessionCookiePolicy(deps.secureCookies));
  app.use("/api/*", noStore);
  app.use("/api/*", async (c, next) =>
    // CSV uploads stream and carry their own, larger limit.
    /^\/api\/contacts\/imports\/[^/]+\/file$/.test(c.req.path)
      ? next()
      : limitBody(MAX_BODY_BYTES)(c, next),
  );
  app.route("/api/v1", v1Routes(deps, deps.publicUrl));
  app.route("/api", createApiRoutes(deps));
  app.all("/api/*", apiNotFound);
  app.route("/webhooks", webhookRoutes(deps));
  app.route("/optin", optInPageRoutes(deps));
  for (const [path, sub] of extra?.mounts ?? []) app.route(path, sub);
  if (extra?.staticFiles) app.route("/", extra.staticFiles);
  return app;
}
