import type { messengerProfiles } from "@waymark/db";

type ProfileRow = typeof messengerProfiles.$inferSelect;

/** What the app and the public API show of a profile: never its token. */
export function presentProfile(row: ProfileRow) {
  return {
    id: row.id,
    name: row.name,
    pageId: row.pageId,
    pageName: row.pageName,
    status: row.status,
    policyVersion: row.policyVersion,
    optInFieldName: row.optInFieldName,
    connection: row.connection,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  };
}
export type ProfileView = ReturnType<typeof presentProfile>;
