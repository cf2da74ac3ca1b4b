import { and, eq, isNull } from "drizzle-orm";
import type { SandboxContext } from "../context";
import { newAccessToken, newCode } from "../domain/ids";
import { sandboxAccessTokens, sandboxOauthCodes } from "../schema";
import { appSecretProof } from "./app-secret-proof";
import type { TokenRecord } from "./records";

export const SHORT_LIVED_SECONDS = 2 * 60 * 60;
export const LONG_LIVED_SECONDS = 60 * 24 * 60 * 60;
const CODE_LIFETIME_MS = 10 * 60 * 1000;

async function insertToken(
  ctx: SandboxContext,
  record: Omit<TokenRecord, "token" | "proof" | "revokedAt">,
): Promise<TokenRecord> {
  const token = newAccessToken();
  await ctx.db.insert(sandboxAccessTokens).values({ ...record, token, createdAt: ctx.now() });
  const full: TokenRecord = {
    ...record,
    token,
    revokedAt: null,
    proof: appSecretProof(ctx.config.appSecret, token),
  };
  ctx.state.tokens.set(token, full);
  return full;
}

/** Issues a user access token with the granted scopes, expiring after `lifetimeSeconds`. */
export function issueUserToken(
  ctx: SandboxContext,
  userId: string,
  scopes: string[],
  lifetimeSeconds: number,
): Promise<TokenRecord> {
  const expiresAt = new Date(ctx.now().getTime() + lifetimeSeconds * 1000);
  return insertToken(ctx, { kind: "user", userId, pageId: null, scopes, expiresAt });
}

/**
 * The Page access token a user's login yields for a Page: reused while valid, reissued
 * after the app was removed from the Page. Page tokens do not expire.
 */
export async function pageTokenFor(
  ctx: SandboxContext,
  userToken: TokenRecord,
  pageId: string,
): Promise<TokenRecord> {
  for (const t of ctx.state.tokens.values()) {
    if (
      t.kind === "page" &&
      t.pageId === pageId &&
      t.userId === userToken.userId &&
      !t.revokedAt &&
      sameScopes(t.scopes, userToken.scopes)
    ) {
      return t;
    }
  }
  return insertToken(ctx, {
    kind: "page",
    userId: userToken.userId,
    pageId,
    scopes: userToken.scopes,
    expiresAt: null,
  });
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** Invalidates every Page token of a Page: what removing the app from the Page does. */
export async function revokePageTokens(ctx: SandboxContext, pageId: string): Promise<number> {
  const at = ctx.now();
  let count = 0;
  for (const t of ctx.state.tokens.values()) {
    if (t.kind === "page" && t.pageId === pageId && !t.revokedAt) {
      t.revokedAt = at;
      count++;
    }
  }
  await ctx.db
    .update(sandboxAccessTokens)
    .set({ revokedAt: at })
    .where(and(eq(sandboxAccessTokens.pageId, pageId), isNull(sandboxAccessTokens.revokedAt)));
  return count;
}

/** Records a Login dialog code for a user, bound to the redirect URI. */
export async function createOauthCode(
  ctx: SandboxContext,
  input: { userId: string; redirectUri: string; scopes: string[] },
): Promise<string> {
  const code = newCode(32);
  const expiresAt = new Date(ctx.now().getTime() + CODE_LIFETIME_MS);
  await ctx.db.insert(sandboxOauthCodes).values({ code, ...input, expiresAt });
  return code;
}

export type CodeUse =
  | { ok: true; userId: string; scopes: string[] }
  | { ok: false; reason: "unknown" | "used" | "expired" | "redirect_uri" };

/** Spends a code: single use, short-lived, and only with the redirect URI it was issued for. */
export async function consumeOauthCode(
  ctx: SandboxContext,
  code: string,
  redirectUri: string,
): Promise<CodeUse> {
  const [row] = await ctx.db
    .select()
    .from(sandboxOauthCodes)
    .where(eq(sandboxOauthCodes.code, code));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= ctx.now().getTime()) return { ok: false, reason: "expired" };
  if (row.redirectUri !== redirectUri) return { ok: false, reason: "redirect_uri" };
  const spent = await ctx.db
    .update(sandboxOauthCodes)
    .set({ usedAt: ctx.now() })
    .where(and(eq(sandboxOauthCodes.code, code), isNull(sandboxOauthCodes.usedAt)))
    .returning({ code: sandboxOauthCodes.code });
  if (spent.length === 0) return { ok: false, reason: "used" };
  return { ok: true, userId: row.userId, scopes: row.scopes };
}
