import { requireJsonBody } from "../http/body-guards";
import { sameOriginOnly } from "../http/csrf";
import { requireSession } from "../http/session-auth";
import type { ServiceDeps } from "../services/context";

/** The guards of every cookie-authenticated JSON route group: same origin, JSON, a session. */
export function sessionGuards(deps: ServiceDeps, publicUrl: string) {
  return [sameOriginOnly(publicUrl), requireJsonBody, requireSession(deps)] as const;
}
