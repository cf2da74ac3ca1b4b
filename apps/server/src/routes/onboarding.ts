import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import type { ServiceDeps } from "../services/context";
import { getOnboardingStatus } from "../services/onboarding/onboarding-status";
import { sessionGuards } from "./session-guards";

/** A new account's three first steps, each done or not (the checklist on the programs page). */
export function onboardingRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", ...sessionGuards(deps, publicUrl))
    .get("/", async (c) => c.json(await getOnboardingStatus(deps, c.var.actor)));
}
