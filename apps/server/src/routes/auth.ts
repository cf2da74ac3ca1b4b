import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { requireJsonBody } from "../http/body-guards";
import { sameOriginOnly } from "../http/csrf";
import {
  deleteCookie,
  getCookie,
  requireSession,
  SESSION_COOKIE,
  sessionCookieOptions,
  setCookie,
} from "../http/session-auth";
import { validate } from "../http/validate";
import { logIn } from "../services/auth/log-in";
import { logInInput, signUpInput } from "../services/auth/schemas";
import { createSession, deleteSession } from "../services/auth/sessions";
import { signUp } from "../services/auth/sign-up";
import type { ServiceDeps } from "../services/context";

interface AuthRouteOptions {
  publicUrl: string;
  secureCookies: boolean;
}

/** Sign up, log in, log out and the current user (SPEC §2). */
export function authRoutes(deps: ServiceDeps, options: AuthRouteOptions) {
  return new Hono<AppEnv>()
    .use("*", sameOriginOnly(options.publicUrl), requireJsonBody)
    .post("/signup", validate("json", signUpInput), async (c) => {
      const user = await signUp(deps, c.req.valid("json"));
      const session = await createSession(deps, user);
      setCookie(
        c,
        SESSION_COOKIE,
        session.token,
        sessionCookieOptions(options.secureCookies, session.expiresAt),
      );
      return c.json({ userId: user.id, accountId: user.accountId }, 201);
    })
    .post("/login", validate("json", logInInput), async (c) => {
      const user = await logIn(deps, c.req.valid("json"));
      const session = await createSession(deps, user);
      setCookie(
        c,
        SESSION_COOKIE,
        session.token,
        sessionCookieOptions(options.secureCookies, session.expiresAt),
      );
      return c.json({ userId: user.id, accountId: user.accountId }, 200);
    })
    .post("/logout", async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(deps, token);
      deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(options.secureCookies));
      return c.body(null, 204);
    })
    .get("/me", requireSession(deps), (c) => {
      const s = c.var.session;
      return c.json({
        userId: s.userId,
        email: s.email,
        accountId: c.var.actor.accountId,
        accountName: s.accountName,
        timeZone: s.timeZone,
      });
    });
}
