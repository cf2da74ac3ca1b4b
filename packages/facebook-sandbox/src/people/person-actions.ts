import type { SandboxContext } from "../context";
import { newMessageId } from "../domain/ids";
import { STANDARD_WINDOW_MS } from "../domain/policy";
import {
  ensureThread,
  insertInboundMessage,
  insertOptIn,
  insertUserRefOptIn,
  patchThread,
  patchUserRef,
} from "../state/people-store";
import type { PageRecord, PersonRecord, ThreadRecord } from "../state/records";
import { messageEvent, optInEvent, readEvent, userRefOptInEvent } from "../webhooks/webhook-events";
import { SandboxError } from "./sandbox-error";

interface PersonAndPage {
  personId: string;
  pageId: string;
}

/** When the person acted: epoch ms in the past, for events that reach the app late. */
interface EventTime {
  timestamp?: number;
}

/** The `data-ref` rule of the Send to Messenger plugin (MESSENGER.md §4.2). */
export const REF_PATTERN = /^[a-zA-Z0-9+/=\-.:_]{1,250}$/;

function lookup(
  ctx: SandboxContext,
  input: PersonAndPage,
): { person: PersonRecord; page: PageRecord } {
  const person = ctx.state.people.get(input.personId);
  if (!person) throw new SandboxError(404, `No sandbox person ${input.personId}`);
  const page = ctx.state.pages.get(input.pageId);
  if (!page) throw new SandboxError(404, `No sandbox page ${input.pageId}`);
  return { person, page };
}

/** The event's time: now, or the given past `timestamp` (a future one is refused). */
function eventTime(ctx: SandboxContext, input: EventTime): Date {
  const now = ctx.now();
  if (input.timestamp === undefined) return now;
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp <= 0) {
    throw new SandboxError(400, "timestamp must be epoch milliseconds");
  }
  if (input.timestamp > now.getTime()) {
    throw new SandboxError(400, "timestamp must not be in the future");
  }
  return new Date(input.timestamp);
}

/**
 * The window facts after a person's event at `at`: each fact only moves forward, so a late,
 * older event never shortens the window. The "+1" is renewed only by an event that opens the
 * window now; for an older one the sandbox cannot tell whether it came before the "+1" was
 * spent, and keeps Facebook's stricter reading.
 */
function windowAfter(
  ctx: SandboxContext,
  previous: Date | null,
  at: Date,
): { latest: Date; renewsPlusOne: boolean } {
  const latest = previous !== null && previous > at ? previous : at;
  return { latest, renewsPlusOne: ctx.now().getTime() - at.getTime() < STANDARD_WINDOW_MS };
}

function existingThread(ctx: SandboxContext, input: PersonAndPage): ThreadRecord {
  lookup(ctx, input);
  const thread = ctx.state.threadOf(input.personId, input.pageId);
  if (!thread) throw new SandboxError(404, "This person has no conversation with this page");
  return thread;
}

/** Send to Messenger: the person gets a PSID for the Page, the window opens, the app hears of it. */
export async function optIn(
  ctx: SandboxContext,
  input: PersonAndPage & EventTime & { ref?: string | null },
): Promise<ThreadRecord> {
  lookup(ctx, input);
  const ref = input.ref || null;
  if (ref !== null && !REF_PATTERN.test(ref)) throw new SandboxError(400, "Invalid data-ref");
  const at = eventTime(ctx, input);
  const thread = await ensureThread(ctx, input.personId, input.pageId);
  const { latest, renewsPlusOne } = windowAfter(ctx, thread.optedInAt, at);
  await patchThread(ctx, thread, {
    optedInAt: latest,
    ...(renewsPlusOne ? { plusOneUsed: false } : {}),
  });
  await insertOptIn(ctx, { pageId: input.pageId, personId: input.personId, ref, at });
  const event = optInEvent(thread.psid, input.pageId, at.getTime(), ref);
  ctx.webhooks.emit("messaging_optins", input.pageId, event);
  return thread;
}

/** Checkbox plugin confirmation: the app learns a `user_ref`, not a PSID. */
export async function checkboxOptIn(
  ctx: SandboxContext,
  input: PersonAndPage & EventTime & { userRef: string; ref?: string | null },
): Promise<void> {
  lookup(ctx, input);
  const at = eventTime(ctx, input);
  if (ctx.state.userRefs.has(`${input.pageId}:${input.userRef}`)) {
    throw new SandboxError(409, "This user_ref was already used; it must be unique per render");
  }
  const ref = input.ref || null;
  await insertUserRefOptIn(ctx, { ...input, ref, at });
  const event = userRefOptInEvent(input.pageId, at.getTime(), ref, input.userRef);
  ctx.webhooks.emit("messaging_optins", input.pageId, event);
}

/** The person writes to the Page: opens the window, resets the "+1", sends `messages`. */
export async function writeToPage(
  ctx: SandboxContext,
  input: PersonAndPage & EventTime & { text: string },
): Promise<{ psid: string; mid: string }> {
  lookup(ctx, input);
  const text = input.text.trim();
  if (text === "") throw new SandboxError(400, "The message is empty");
  const at = eventTime(ctx, input);
  const thread = await ensureThread(ctx, input.personId, input.pageId);
  const mid = newMessageId();
  const pending = ctx.state.pendingUserRef(input.personId, input.pageId);
  if (pending) await patchUserRef(ctx, pending, { repliedAt: at });
  const { latest, renewsPlusOne } = windowAfter(ctx, thread.lastInboundAt, at);
  await patchThread(ctx, thread, {
    lastInboundAt: latest,
    ...(renewsPlusOne ? { plusOneUsed: false } : {}),
  });
  await insertInboundMessage(ctx, { mid, thread, text, at });
  const event = messageEvent({
    psid: thread.psid,
    pageId: input.pageId,
    timestamp: at.getTime(),
    mid,
    text,
    ...(pending ? { priorUserRef: pending.userRef } : {}),
  });
  ctx.webhooks.emit("messages", input.pageId, event);
  return { psid: thread.psid, mid };
}

/** Blocks (or unblocks) the Page: sends answer error 551 at once. */
export async function setBlocked(
  ctx: SandboxContext,
  input: PersonAndPage & { blocked: boolean },
): Promise<void> {
  const thread = existingThread(ctx, input);
  await patchThread(ctx, thread, { blockedAt: input.blocked ? ctx.now() : null });
}

/** The person reads the conversation: pending messages are delivered, then read. */
export async function markRead(ctx: SandboxContext, input: PersonAndPage): Promise<void> {
  const thread = existingThread(ctx, input);
  ctx.deliveries.deliverNow(thread.psid);
  const delivered = thread.deliveredWatermark;
  if (delivered === null || (thread.readWatermark ?? 0) >= delivered) return;
  await patchThread(ctx, thread, { readWatermark: delivered });
  const event = readEvent(thread.psid, input.pageId, ctx.now().getTime(), delivered);
  ctx.webhooks.emit("message_reads", input.pageId, event);
}
