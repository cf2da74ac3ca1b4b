import { listInboundMessages, listSentMessages } from "../admin/queries";
import type { SandboxContext } from "../context";
import { STANDARD_WINDOW_MS } from "../domain/policy";
import type { Conversation, ConversationItem } from "../html/messenger-page";
import { windowOpenedAt } from "../send/check-recipient";
import type { ThreadRecord } from "../state/records";

/** A person's conversations, one per Page they interacted with, messages newest first. */
export async function conversationsOf(
  ctx: SandboxContext,
  personId: string,
): Promise<Conversation[]> {
  const pageIds = new Set([
    ...ctx.state.threadsOfPerson(personId).map((t) => t.pageId),
    ...ctx.state.userRefsOfPerson(personId).map((r) => r.pageId),
  ]);
  const conversations: Conversation[] = [];
  for (const pageId of pageIds) {
    const page = ctx.state.pages.get(pageId);
    if (!page) continue;
    const thread = ctx.state.threadOf(personId, pageId);
    const sent = await listSentMessages(ctx, { personId, pageId, limit: 200 });
    const inbound = await listInboundMessages(ctx, personId, pageId);
    const items: ConversationItem[] = [
      ...sent.map((m) => ({
        from: "page" as const,
        text: m.text ?? JSON.stringify(m.attachment),
        at: new Date(m.sentAt),
        detail: [m.tag ?? m.messagingType, m.read ? "read" : m.delivered ? "delivered" : "sent"]
          .filter(Boolean)
          .join(", "),
      })),
      ...inbound.map((m) => ({ from: "person" as const, text: m.text, at: m.sentAt })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime());
    conversations.push({ page, thread, status: statusOf(ctx, thread, page.policyVersion), items });
  }
  return conversations;
}

function statusOf(ctx: SandboxContext, thread: ThreadRecord | undefined, policy: string): string {
  if (!thread) return "Opted in through the checkbox plugin; no conversation yet.";
  if (thread.blockedAt) return `You blocked this page on ${thread.blockedAt.toISOString()}.`;
  const opened = windowOpenedAt(thread);
  const psid = `PSID ${thread.psid}; policy ${policy}.`;
  if (opened === null) return `${psid} No open messaging window.`;
  const closes = opened + STANDARD_WINDOW_MS;
  if (closes > ctx.now().getTime())
    return `${psid} Window open until ${new Date(closes).toISOString()}.`;
  const plusOne =
    policy === "2018"
      ? thread.plusOneUsed
        ? " The one extra message was used."
        : " One extra message is allowed."
      : "";
  return `${psid} Window closed at ${new Date(closes).toISOString()}.${plusOne}`;
}
