import { randomUUID } from "node:crypto";
import { AccountScope, facebookLogins } from "@waymark/db";
import { safeAppPath } from "@waymark/domain";
import { open, seal } from "@waymark/engine";
import { and, eq, gt } from "drizzle-orm";
import { notFound, ServiceError } from "../../errors";
import { randomToken } from "../../lib/tokens";
import type { Actor } from "../context";
import type { MessengerDeps } from "./messenger-deps";

const LOGIN_TTL_MS = 60 * 60_000;

const FALLBACK_RETURN = "/settings/channels/messenger/new";

/** Where the app may return after Login: only its own Messenger settings pages, normalised. */
function safeReturnTo(returnTo: string | undefined): string {
  return safeAppPath(returnTo, {
    under: "/settings/channels/messenger",
    fallback: FALLBACK_RETURN,
  });
}

/** Starts "Log in to Facebook": records a one-time `state` and returns the Login dialog URL. */
export async function startFacebookLogin(deps: MessengerDeps, actor: Actor, returnTo?: string) {
  const state = randomToken(24);
  await deps.db.insert(facebookLogins).values({
    id: randomUUID(),
    accountId: actor.accountId,
    userId: actor.userId ?? randomUUID(),
    state,
    returnTo: safeReturnTo(returnTo),
    expiresAt: new Date(deps.now().getTime() + LOGIN_TTL_MS),
  });
  return {
    authorizationUrl: deps.facebook.authorizationUrl({
      redirectUri: deps.messenger.redirectUri,
      state,
    }),
  };
}

// Checked again here: logins started before the check was strict may hold any path.
function withParams(path: string, params: Record<string, string>): string {
  const url = new URL(safeReturnTo(path), "http://x");
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.pathname + url.search;
}

/**
 * Handles Facebook's redirect back: checks `state` belongs to this user and is fresh, exchanges
 * the code for a long-lived user token (stored encrypted), and returns where to send the browser.
 */
export async function completeFacebookLogin(
  deps: MessengerDeps,
  actor: Actor,
  query: { state?: string; code?: string; error?: string; error_description?: string },
): Promise<string> {
  const fallback = FALLBACK_RETURN;
  if (!query.state)
    return withParams(fallback, { loginError: "Facebook did not send the login back. Try again." });
  const [login] = await deps.db
    .select()
    .from(facebookLogins)
    .where(
      and(
        eq(facebookLogins.state, query.state),
        eq(facebookLogins.accountId, actor.accountId),
        gt(facebookLogins.expiresAt, deps.now()),
      ),
    );
  if (!login || login.userTokenEnc) {
    return withParams(fallback, {
      loginError: "This Facebook login has expired or was already used. Try again.",
    });
  }
  if (query.error || !query.code) {
    const message =
      query.error === "access_denied"
        ? "Facebook login was cancelled. Log in to Facebook and choose Continue to connect a page."
        : `Facebook login failed: ${query.error_description ?? query.error ?? "no code was returned"}`;
    return withParams(login.returnTo, { loginError: message });
  }
  const exchanged = await deps.facebook.exchangeCode({
    code: query.code,
    redirectUri: deps.messenger.redirectUri,
  });
  if (!exchanged.ok) {
    return withParams(login.returnTo, {
      loginError: `Facebook refused the login: ${exchanged.error.message}`,
    });
  }
  const longLived = await deps.facebook.exchangeLongLived(exchanged.token.accessToken);
  const token = longLived.ok ? longLived.token.accessToken : exchanged.token.accessToken;
  await deps.db
    .update(facebookLogins)
    .set({ userTokenEnc: seal(deps.keys.pageToken, token, `login:${login.id}`) })
    .where(eq(facebookLogins.id, login.id));
  return withParams(login.returnTo, { login: login.id });
}

/** The user token of a completed login of this account, or 404 when unknown or expired. */
export async function loginUserToken(
  deps: MessengerDeps,
  actor: Actor,
  loginId: string,
): Promise<string> {
  const [login] = await new AccountScope(deps.db, actor.accountId).select(
    facebookLogins,
    and(eq(facebookLogins.id, loginId), gt(facebookLogins.expiresAt, deps.now())),
  );
  if (!login) throw notFound("Facebook login");
  if (!login.userTokenEnc) {
    throw new ServiceError(409, "login_incomplete", "Finish logging in to Facebook first");
  }
  return open(deps.keys.pageToken, login.userTokenEnc, `login:${login.id}`);
}
