import { timingSafeEqual } from "node:crypto";
import type { AdminAuthorizer } from "@waymark/facebook-sandbox";
import { parse } from "hono/utils/cookie";
import { sha256Hex } from "../lib/tokens";
import { findSession } from "../services/auth/sessions";
import type { ServiceDeps } from "../services/context";
import { sessionCookieName } from "./session-auth";

/**
 * Who may use the mounted sandbox's console (its admin API hands out Page tokens): a browser
 * signed in to Waymark, or a script with `Authorization: Bearer <admin token>` (the token
 * derived from SECRET_KEY for "sandbox-admin-token", for tests and local tools).
 */
export function sandboxAdminAccess(
  deps: ServiceDeps,
  options: { secureCookies: boolean; adminToken: string; publicUrl: string },
): { authorize: AdminAuthorizer; signInUrl: string } {
  const cookieName = sessionCookieName(options.secureCookies);
  const expected = Buffer.from(sha256Hex(options.adminToken), "hex");
  return {
    signInUrl: `${options.publicUrl}/login`,
    authorize: async (request) => {
      const bearer = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
      if (bearer !== undefined) {
        // Equal-length digests, so the comparison time says nothing about the token.
        return timingSafeEqual(Buffer.from(sha256Hex(bearer), "hex"), expected);
      }
      const token = parse(request.headers.get("cookie") ?? "", cookieName)[cookieName];
      return token !== undefined && (await findSession(deps, token)) !== null;
    },
  };
}
