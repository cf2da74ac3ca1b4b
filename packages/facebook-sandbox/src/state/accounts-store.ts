import { and, eq } from "drizzle-orm";
import type { SandboxContext } from "../context";
import { newNumericId } from "../domain/ids";
import type { PolicyVersion } from "../domain/policy";
import { type PageTask, sortTasks } from "../domain/tasks";
import { sandboxPageRoles, sandboxPages, sandboxSubscriptions, sandboxUsers } from "../schema";
import type { PageRecord, UserRecord } from "./records";

/** Creates a sandbox Facebook user. */
export async function createUser(
  ctx: SandboxContext,
  input: { name: string; id?: string },
): Promise<UserRecord> {
  const user = { id: input.id ?? newNumericId(15), name: input.name };
  await ctx.db.insert(sandboxUsers).values(user).onConflictDoNothing();
  ctx.state.users.set(user.id, user);
  return user;
}

export interface NewPage {
  name: string;
  id?: string;
  policyVersion?: PolicyVersion;
  approvedForNonPromotionalSubscription?: boolean;
}

/** Creates a sandbox Page. */
export async function createPage(ctx: SandboxContext, input: NewPage): Promise<PageRecord> {
  const page: PageRecord = {
    id: input.id ?? newNumericId(15),
    name: input.name,
    policyVersion: input.policyVersion ?? "2018",
    approvedForNonPromotionalSubscription: input.approvedForNonPromotionalSubscription ?? false,
    subscribedFields: null,
  };
  await ctx.db
    .insert(sandboxPages)
    .values({
      id: page.id,
      name: page.name,
      policyVersion: page.policyVersion,
      approvedForNonPromotionalSubscription: page.approvedForNonPromotionalSubscription,
    })
    .onConflictDoNothing();
  ctx.state.pages.set(page.id, page);
  return page;
}

/** Gives a user tasks on a Page (replacing earlier ones); empty tasks remove the role. */
export async function setPageTasks(
  ctx: SandboxContext,
  userId: string,
  pageId: string,
  tasks: readonly PageTask[],
): Promise<void> {
  const sorted = sortTasks(tasks);
  if (sorted.length === 0) {
    await ctx.db
      .delete(sandboxPageRoles)
      .where(and(eq(sandboxPageRoles.userId, userId), eq(sandboxPageRoles.pageId, pageId)));
    ctx.state.roles.get(userId)?.delete(pageId);
    return;
  }
  await ctx.db
    .insert(sandboxPageRoles)
    .values({ userId, pageId, tasks: sorted })
    .onConflictDoUpdate({
      target: [sandboxPageRoles.userId, sandboxPageRoles.pageId],
      set: { tasks: sorted },
    });
  ctx.state.setTasks(userId, pageId, sorted);
}

export interface PageSettings {
  name?: string;
  policyVersion?: PolicyVersion;
  approvedForNonPromotionalSubscription?: boolean;
}

/** Changes a Page's name, policy version or subscription-messaging approval. */
export async function updatePage(
  ctx: SandboxContext,
  page: PageRecord,
  settings: PageSettings,
): Promise<PageRecord> {
  const next = { ...page, ...definedOnly(settings) };
  await ctx.db
    .update(sandboxPages)
    .set({
      name: next.name,
      policyVersion: next.policyVersion,
      approvedForNonPromotionalSubscription: next.approvedForNonPromotionalSubscription,
    })
    .where(eq(sandboxPages.id, page.id));
  Object.assign(page, next);
  return page;
}

/** Sets (or with `null`, removes) the app's subscribed webhook fields on a Page. */
export async function setSubscription(
  ctx: SandboxContext,
  page: PageRecord,
  fields: string[] | null,
): Promise<void> {
  if (fields === null) {
    await ctx.db.delete(sandboxSubscriptions).where(eq(sandboxSubscriptions.pageId, page.id));
  } else {
    const updatedAt = ctx.now();
    await ctx.db
      .insert(sandboxSubscriptions)
      .values({ pageId: page.id, fields, updatedAt })
      .onConflictDoUpdate({ target: sandboxSubscriptions.pageId, set: { fields, updatedAt } });
  }
  page.subscribedFields = fields;
}

// Dropping keys only removes properties, so the result is still a Partial<T>.
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
