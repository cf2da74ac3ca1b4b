import type { Context } from "hono";
import type { SandboxContext } from "../context";
import { authErrors } from "../graph/auth-errors";
import { authenticate } from "../graph/authenticate";
import { coded, GraphError } from "../graph/graph-error";
import type { GraphParams } from "../graph/read-params";
import type { TokenRecord } from "../state/records";

/** The Conversations API's pace per Page (MESSENGER.md §6: about 2 calls a second). */
export const CONVERSATIONS_CALLS_PER_SECOND = 2;
const WINDOW_MS = 1000;

/** Permissions a conversation read needs (MESSENGER.md §9), checked in this order. */
export const CONVERSATIONS_PERMISSIONS = [
  "pages_messaging",
  "pages_manage_metadata",
  "pages_read_engagement",
] as const;

const READ_TASKS = ["MESSAGING", "MODERATE"];

// Page id → times (sandbox clock) of the calls answered in the last second.
const callsByContext = new WeakMap<SandboxContext, Map<string, number[]>>();

/** Counts a call against the Page's sliding one-second window; false when it is full. */
function takeCall(ctx: SandboxContext, pageId: string): boolean {
  let calls = callsByContext.get(ctx);
  if (!calls) {
    calls = new Map();
    callsByContext.set(ctx, calls);
  }
  const now = ctx.now().getTime();
  const recent = (calls.get(pageId) ?? []).filter((at) => at > now - WINDOW_MS && at <= now);
  if (recent.length >= CONVERSATIONS_CALLS_PER_SECOND) {
    calls.set(pageId, recent);
    return false;
  }
  recent.push(now);
  calls.set(pageId, recent);
  return true;
}

export const rateLimited = () =>
  coded(613, "Calls to this api have exceeded the rate limit.", { is_transient: true });

/**
 * Admits a conversation read: a valid Page token (else 190/100, or 210 for a user token),
 * within the Page's rate (613), from a person with the MESSAGING or MODERATE task holding the
 * three permissions (200), then the `conversations` fault switch (latency, injected errors).
 */
export async function admitConversationRead(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
): Promise<(TokenRecord & { pageId: string }) | GraphError> {
  const token = authenticate(ctx, params, c.req.header("authorization"));
  if (token instanceof GraphError) return token;
  if (token.kind !== "page" || token.pageId === null) return authErrors.pageTokenRequired();
  const pageId = token.pageId;
  if (!takeCall(ctx, pageId)) return rateLimited();
  const tasks = ctx.state.tasksOf(token.userId, pageId);
  if (!tasks.some((t) => READ_TASKS.includes(t))) {
    return authErrors.missingTask("MESSAGING or MODERATE");
  }
  const missing = CONVERSATIONS_PERMISSIONS.find((p) => !token.scopes.includes(p));
  if (missing) return authErrors.missingPermission(missing);
  const latency = ctx.faults.conversationsLatencyMs(pageId);
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  return ctx.faults.onConversationRead(pageId) ?? { ...token, pageId };
}
