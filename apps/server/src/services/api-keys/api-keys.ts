import { AccountScope, accounts, apiKeys } from "@waymark/db";
import { and, desc, eq, isNull } from "drizzle-orm";
import { notFound } from "../../errors";
import { randomToken, sha256Hex } from "../../lib/tokens";
import type { Actor, ServiceDeps } from "../context";

const KEY_PREFIX = "wmk_";

/** What lists and responses show of a key: never the key or its hash. */
function present(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
export type ApiKeyView = ReturnType<typeof present>;

/** Creates a key; the secret is returned this once and only its hash is stored. */
export async function createApiKey(deps: ServiceDeps, actor: Actor, name: string) {
  const secret = `${KEY_PREFIX}${randomToken(24)}`;
  const scope = new AccountScope(deps.db, actor.accountId);
  const [row] = await scope.insert(apiKeys, {
    name,
    prefix: secret.slice(0, KEY_PREFIX.length + 6),
    keyHash: sha256Hex(secret),
    createdByUserId: actor.userId,
  });
  return { ...present(row!), key: secret };
}

/** The account's keys, newest first. */
export async function listApiKeys(deps: ServiceDeps, actor: Actor) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(scope.where(apiKeys))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(present);
}

/** Revokes a key of the account; 404 for any other id. Revoking twice is harmless. */
export async function revokeApiKey(deps: ServiceDeps, actor: Actor, id: string) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [existing] = await scope.select(apiKeys, eq(apiKeys.id, id));
  if (!existing) throw notFound("API key");
  if (existing.revokedAt) return present(existing);
  const [row] = await scope.update(apiKeys, { revokedAt: deps.now() }, eq(apiKeys.id, id));
  return present(row!);
}

/** The account an API key acts for, or null when the key is unknown or revoked. */
export async function authenticateApiKey(deps: ServiceDeps, secret: string) {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const [row] = await deps.db
    .select({
      id: apiKeys.id,
      accountId: apiKeys.accountId,
      name: apiKeys.name,
      accountName: accounts.name,
    })
    .from(apiKeys)
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(and(eq(apiKeys.keyHash, sha256Hex(secret)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  await deps.db.update(apiKeys).set({ lastUsedAt: deps.now() }).where(eq(apiKeys.id, row.id));
  return row;
}
