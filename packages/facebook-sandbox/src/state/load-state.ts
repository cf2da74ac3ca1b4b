import type { Database } from "@waymark/db";
import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import type { PolicyVersion } from "../domain/policy";
import { sortTasks } from "../domain/tasks";
import {
  sandboxAccessTokens,
  sandboxOptIns,
  sandboxPageRoles,
  sandboxPages,
  sandboxPeople,
  sandboxSubscriptions,
  sandboxThreads,
  sandboxUsers,
} from "../schema";
import { appSecretProof } from "./app-secret-proof";
import type { SandboxState } from "./sandbox-state";

/** Fills the in-memory state from the database (at start, and after a data reset). */
export async function loadState(db: Database, state: SandboxState, appSecret: string) {
  state.clear();
  const [users, pages, roles, subscriptions, tokens, people, threads, optIns] = await Promise.all([
    db.select().from(sandboxUsers),
    db.select().from(sandboxPages),
    db.select().from(sandboxPageRoles),
    db.select().from(sandboxSubscriptions),
    db.select().from(sandboxAccessTokens),
    db.select().from(sandboxPeople),
    db.select().from(sandboxThreads),
    db.select().from(sandboxOptIns),
  ]);
  for (const u of users) state.users.set(u.id, { id: u.id, name: u.name });
  const fields = new Map(subscriptions.map((s) => [s.pageId, s.fields]));
  for (const p of pages) {
    state.pages.set(p.id, {
      id: p.id,
      name: p.name,
      policyVersion: p.policyVersion === "2020" ? "2020" : ("2018" satisfies PolicyVersion),
      approvedForNonPromotionalSubscription: p.approvedForNonPromotionalSubscription,
      subscribedFields: fields.get(p.id) ?? null,
    });
  }
  for (const r of roles) state.setTasks(r.userId, r.pageId, sortTasks(r.tasks));
  for (const t of tokens) {
    state.tokens.set(t.token, {
      token: t.token,
      kind: t.kind === "page" ? "page" : "user",
      userId: t.userId,
      pageId: t.pageId,
      scopes: t.scopes,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      proof: appSecretProof(appSecret, t.token),
    });
  }
  for (const p of people) {
    state.people.set(p.id, { id: p.id, firstName: p.firstName, lastName: p.lastName });
  }
  const delivered = await deliveredWatermarks(db);
  for (const t of threads) {
    state.addThread({
      psid: t.psid,
      pageId: t.pageId,
      personId: t.personId,
      optedInAt: t.optedInAt,
      lastInboundAt: t.lastInboundAt,
      plusOneUsed: t.plusOneUsed,
      blockedAt: t.blockedAt,
      readWatermark: t.readWatermark,
      deliveredWatermark: delivered.get(t.psid) ?? null,
    });
  }
  for (const o of optIns) {
    if (o.userRef === null) continue;
    state.userRefs.set(`${o.pageId}:${o.userRef}`, {
      id: o.id,
      pageId: o.pageId,
      personId: o.personId,
      userRef: o.userRef,
      ref: o.ref,
      optedInAt: o.createdAt,
      sentAt: o.userRefSentAt,
      repliedAt: o.userRefRepliedAt,
    });
  }
}

// Deliveries still pending when the sandbox stopped count as delivered after a restart.
async function deliveredWatermarks(db: Database): Promise<Map<string, number>> {
  const result = await db.execute(
    sql`select psid, max(sent_at) as last from fb_sandbox.sent_messages where psid is not null group by psid`,
  );
  const rows = rowsOf<{ psid: string; last: Date | string }>(result);
  return new Map(rows.map((r) => [r.psid, new Date(r.last).getTime()]));
}
