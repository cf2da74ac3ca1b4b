import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { requireJsonBody } from "../http/body-guards";
import { clientAddress } from "../http/client-address";
import { sameOriginOnly } from "../http/csrf";
import {
  DEVICE_COOKIE,
  deleteCookie,
  deviceCookieOptions,
  getCookie,
  requireSession,
  SESSION_COOKIE,
  sessionCookieOptions,
  sessionToken,
  setCookie,
} from "../http/session-auth";
import { validate } from "../http/validate";
import { changePassword } from "../services/auth/change-password";
import { DEVICE_TTL_MS, rememberDevice } from "../services/auth/known-devices";
import { logIn } from "../services/auth/log-in";
import { resetPassword } from "../services/auth/password-reset";
import {
  changePasswordInput,
  logInInput,
  resetPasswordInput,
  signUpInput,
} from "../services/auth/schemas";
import { createSession, deleteSession, logOutEverywhere } from "../services/auth/sessions";
import { signUp } from "../services/auth/sign-up";
import type { ServiceDeps } from "../services/context";

interface AuthRouteOptions {
  publicUrl: string;
  secureCookies: boolean;
  /** Reverse proxies in front of Waymark whose X-Forwarded-For is trusted (0: none). */
  trustedProxies: number;
}

/** Sign up, log in, log out, passwords and the current user (SPEC §2). */
export function authRoutes(deps: ServiceDeps, options: AuthRouteOptions) {
  const startSession = async (c: Context, user: { id: string; accountId: string }) => {
    const session = await createSession(deps, user);
    setCookie(
      c,
      SESSION_COOKIE,
      session.token,
      sessionCookieOptions(options.secureCookies, session.expiresAt),
    );
  };
  // After the session cookie, so clients that keep one cookie keep the session.
  const markKnownDevice = (c: Context, deviceToken: string) => {
    const expires = new Date(deps.now().getTime() + DEVICE_TTL_MS);
    setCookie(c, DEVICE_COOKIE, deviceToken, deviceCookieOptions(options.secureCookies, expires));
  };

  return new Hono<AppEnv>()
    .use("*", sameOriginOnly(options.publicUrl), requireJsonBody)
    .post("/signup", validate("json", signUpInput), async (c) => {
      const user = await signUp(deps, c.req.valid("json"));
      await startSession(c, user);
      markKnownDevice(c, await rememberDevice(deps, user.id, getCookie(c, DEVICE_COOKIE)));
      return c.json({ userId: user.id, accountId: user.accountId }, 201);
    })
    .post("/login", validate("json", logInInput), async (c) => {
      const user = await logIn(deps, c.req.valid("json"), {
        address: clientAddress(c, options.trustedProxies),
        deviceToken: getCookie(c, DEVICE_COOKIE),
      });
      await startSession(c, user);
      markKnownDevice(c, user.deviceToken);
      return c.json({ userId: user.id, accountId: user.accountId }, 200);
    })
    .post("/logout", async (c) => {
      const token = sessionToken(c);
      if (token) await deleteSession(deps, token);
      deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(options.secureCookies));
      return c.body(null, 204);
    })
    .post("/logout-everywhere", requireSession(deps), async (c) => {
      const s = c.var.session;
      return c.json({ endedSessions: await logOutEverywhere(deps, s.userId, s.token) }, 200);
    })
    .post("/password", requireSession(deps), validate("json", changePasswordInput), async (c) => {
      const user = await changePassword(deps, c.var.session.userId, c.req.valid("json"));
      await startSession(c, user);
      return c.body(null, 204);
    })
    .post("/password-reset", validate("json", resetPasswordInput), async (c) => {
      const user = await resetPassword(deps, c.req.valid("json"));
      await startSession(c, user);
      markKnownDevice(c, await rememberDevice(deps, user.id, getCookie(c, DEVICE_COOKIE)));
      return c.json({ userId: user.id, accountId: user.accountId }, 200);
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
