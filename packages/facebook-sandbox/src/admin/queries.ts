import { and, desc, eq, type SQL } from "drizzle-orm";
import type { SandboxContext } from "../context";
import { roleOfTasks } from "../domain/tasks";
import { sandboxInboundMessages, sandboxSentMessages } from "../schema";
import type { SentRow } from "../send/sent-message-log";

/** A sent message as the admin API shows it: when it was sent, and whether it was delivered and read. */
export interface SentMessageView extends Omit<SentRow, "sentAt"> {
  sentAt: string;
  delivered: boolean;
  read: boolean;
}

export interface MessageFilter {
  pageId?: string;
  personId?: string;
  psid?: string;
  limit?: number;
}

/** Messages the Send API accepted, newest first (pending writes are flushed first). */
export async function listSentMessages(
  ctx: SandboxContext,
  filter: MessageFilter = {},
): Promise<SentMessageView[]> {
  await ctx.sentLog.flush();
  const where: SQL[] = [];
  if (filter.pageId) where.push(eq(sandboxSentMessages.pageId, filter.pageId));
  if (filter.personId) where.push(eq(sandboxSentMessages.personId, filter.personId));
  if (filter.psid) where.push(eq(sandboxSentMessages.psid, filter.psid));
  const rows = await ctx.db
    .select()
    .from(sandboxSentMessages)
    .where(and(...where))
    .orderBy(desc(sandboxSentMessages.seq))
    .limit(Math.min(filter.limit ?? 100, 10_000));
  return rows.map((r) => {
    const thread = r.psid ? ctx.state.threads.get(r.psid) : undefined;
    const at = r.sentAt.getTime();
    const { seq: _seq, ...rest } = r;
    return {
      ...rest,
      sentAt: r.sentAt.toISOString(),
      delivered: (thread?.deliveredWatermark ?? -1) >= at,
      read: (thread?.readWatermark ?? -1) >= at,
    };
  });
}

/** Messages a person wrote to a Page, newest first. */
export async function listInboundMessages(ctx: SandboxContext, personId: string, pageId: string) {
  return ctx.db
    .select()
    .from(sandboxInboundMessages)
    .where(
      and(eq(sandboxInboundMessages.personId, personId), eq(sandboxInboundMessages.pageId, pageId)),
    )
    .orderBy(desc(sandboxInboundMessages.seq))
    .limit(200);
}

/** A JSON view of users, pages, people and threads. */
export function stateSnapshot(ctx: SandboxContext) {
  const { state } = ctx;
  return {
    app: { id: ctx.config.appId, name: ctx.config.appName, webhookUrl: ctx.config.webhookUrl },
    users: [...state.users.values()].map((u) => ({
      ...u,
      pages: [...(state.roles.get(u.id) ?? new Map()).entries()].map(([pageId, tasks]) => ({
        pageId,
        role: roleOfTasks(tasks),
        tasks,
      })),
    })),
    pages: [...state.pages.values()],
    people: [...state.people.values()],
    threads: [...state.threads.values()],
    userRefs: [...state.userRefs.values()],
  };
}
