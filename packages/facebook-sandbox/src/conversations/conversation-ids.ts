import { createHash } from "node:crypto";
import type { SandboxContext } from "../context";
import type { ThreadRecord } from "../state/records";

/** A thread's conversation id, `t_` and 15 digits, fixed by Page and PSID (no table needed). */
export function conversationIdOf(thread: ThreadRecord): string {
  const digest = createHash("sha256").update(`${thread.pageId}:${thread.psid}`).digest();
  const n = digest.readBigUInt64BE(0) % 900_000_000_000_000n;
  return `t_${100_000_000_000_000n + n}`;
}

// Conversation id → PSID, rebuilt from the in-memory threads when an id is not found.
const byContext = new WeakMap<SandboxContext, Map<string, string>>();

/** The thread behind a `t_…` id, if the sandbox has it. */
export function threadOfConversation(
  ctx: SandboxContext,
  conversationId: string,
): ThreadRecord | undefined {
  let index = byContext.get(ctx);
  let psid = index?.get(conversationId);
  if (psid === undefined) {
    index = new Map([...ctx.state.threads.values()].map((t) => [conversationIdOf(t), t.psid]));
    byContext.set(ctx, index);
    psid = index.get(conversationId);
  }
  return psid === undefined ? undefined : ctx.state.threads.get(psid);
}

export const isConversationId = (id: string) => /^t_\d+$/.test(id);
export const isMessageId = (id: string) => id.startsWith("m_");
