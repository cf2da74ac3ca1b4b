import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ServiceError } from "../errors";
import { findSession } from "../services/auth/sessions";
import type { ServiceDeps } from "../services/context";
import type { AppEnv } from "./app-env";

export const SESSION_COOKIE = "waymark_session";

/**
 * Cookie attributes (SPEC §2): HttpOnly, SameSite=Lax, Secure when served over https, and then
 * named `__Host-waymark_session`, which no other subdomain or plain-http page can set or shadow.
 */
export function sessionCookieOptions(secure: boolean, expires?: Date) {
  return {
    httpOnly: true,
    sameSite: "Lax" as const,
    secure,
    path: "/",
    ...(secure && { prefix: "host" as const }),
    ...(expires && { expires }),
  };
}

/** The session cookie's full name, as a browser sends it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** Tells the session readers below which cookie this app sets; mounted once by the app. */
export function sessionCookiePolicy(secure: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("secureCookies", secure);
    await next();
  };
}

/** The session token the request carries (only the `__Host-` cookie over https). */
export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE, c.var.secureCookies ? "host" : undefined);
}

/** The long-lived cookie that makes a browser a known device of its user (login throttling). */
export const DEVICE_COOKIE = "waymark_device";

/** Sent only to the auth routes, never cross-site. */
export function deviceCookieOptions(secure: boolean, expires?: Date) {
  return {
    httpOnly: true,
    sameSite: "Strict" as const,
    secure,
    path: "/api/auth",
    ...(expires && { expires }),
  };
}

/** Requires a live session cookie; sets `actor` and `session`, else 401. */
export function requireSession(deps: ServiceDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    const session = token ? await findSession(deps, token) : null;
    if (!token || !session) {
      throw new ServiceError(401, "unauthenticated", "Log in to continue");
    }
    c.set("actor", { accountId: session.accountId, userId: session.userId });
    c.set("session", { token, ...session });
    await next();
  };
}

export { deleteCookie, getCookie, setCookie };
