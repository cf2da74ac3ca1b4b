import { eq } from "drizzle-orm";
import type { SandboxContext } from "../context";
import { newCode, newNumericId, newPsid } from "../domain/ids";
import { sandboxInboundMessages, sandboxOptIns, sandboxPeople, sandboxThreads } from "../schema";
import type { PersonRecord, ThreadRecord, UserRefRecord } from "./records";

/** Creates a sandbox person (a Messenger user). */
export async function createPerson(
  ctx: SandboxContext,
  input: { firstName: string; lastName: string; id?: string },
): Promise<PersonRecord> {
  const person = { id: input.id ?? newNumericId(15), ...input };
  await ctx.db.insert(sandboxPeople).values(person).onConflictDoNothing();
  ctx.state.people.set(person.id, person);
  return person;
}

/** The person's thread with a Page, created with a fresh PSID on first interaction. */
export function ensureThread(
  ctx: SandboxContext,
  personId: string,
  pageId: string,
): Promise<ThreadRecord> {
  const existing = ctx.state.threadOf(personId, pageId);
  if (existing) return Promise.resolve(existing);
  // Concurrent first interactions share one creation, so the person gets one PSID.
  const key = `${personId}:${pageId}`;
  const pending = ctx.state.creatingThreads.get(key);
  if (pending) return pending;
  const creation = createThread(ctx, personId, pageId).finally(() =>
    ctx.state.creatingThreads.delete(key),
  );
  ctx.state.creatingThreads.set(key, creation);
  return creation;
}

async function createThread(
  ctx: SandboxContext,
  personId: string,
  pageId: string,
): Promise<ThreadRecord> {
  const thread: ThreadRecord = {
    psid: newPsid(),
    pageId,
    personId,
    optedInAt: null,
    lastInboundAt: null,
    plusOneUsed: false,
    blockedAt: null,
    readWatermark: null,
    deliveredWatermark: null,
  };
  await ctx.db.insert(sandboxThreads).values({ ...thread, createdAt: ctx.now() });
  ctx.state.addThread(thread);
  return thread;
}

type ThreadPatch = Partial<
  Pick<ThreadRecord, "optedInAt" | "lastInboundAt" | "plusOneUsed" | "blockedAt" | "readWatermark">
>;

/**
 * Changes a thread. Memory is updated before the write so that concurrent sends see the
 * change at once (a block, or the one "+1" message being spent).
 */
export async function patchThread(
  ctx: SandboxContext,
  thread: ThreadRecord,
  patch: ThreadPatch,
): Promise<void> {
  Object.assign(thread, patch);
  await ctx.db.update(sandboxThreads).set(patch).where(eq(sandboxThreads.psid, thread.psid));
}

/** Records a Send to Messenger opt-in. */
export async function insertOptIn(
  ctx: SandboxContext,
  input: { pageId: string; personId: string; ref: string | null; at: Date },
): Promise<void> {
  await ctx.db.insert(sandboxOptIns).values({
    id: newCode(12),
    pageId: input.pageId,
    personId: input.personId,
    source: "send_to_messenger",
    ref: input.ref,
    createdAt: input.at,
  });
}

/** Records a confirmed checkbox-plugin opt-in for a `user_ref`. */
export async function insertUserRefOptIn(
  ctx: SandboxContext,
  input: { pageId: string; personId: string; userRef: string; ref: string | null; at: Date },
): Promise<UserRefRecord> {
  const record: UserRefRecord = {
    id: newCode(12),
    pageId: input.pageId,
    personId: input.personId,
    userRef: input.userRef,
    ref: input.ref,
    optedInAt: input.at,
    sentAt: null,
    repliedAt: null,
  };
  await ctx.db.insert(sandboxOptIns).values({
    id: record.id,
    pageId: record.pageId,
    personId: record.personId,
    source: "checkbox",
    ref: record.ref,
    userRef: record.userRef,
    createdAt: record.optedInAt,
  });
  ctx.state.userRefs.set(`${record.pageId}:${record.userRef}`, record);
  return record;
}

/** Marks a `user_ref` as messaged or answered (memory first, like `patchThread`). */
export async function patchUserRef(
  ctx: SandboxContext,
  record: UserRefRecord,
  patch: Partial<Pick<UserRefRecord, "sentAt" | "repliedAt">>,
): Promise<void> {
  Object.assign(record, patch);
  await ctx.db
    .update(sandboxOptIns)
    .set({ userRefSentAt: record.sentAt, userRefRepliedAt: record.repliedAt })
    .where(eq(sandboxOptIns.id, record.id));
}

/** Stores a message a person wrote to a Page. */
export async function insertInboundMessage(
  ctx: SandboxContext,
  input: { mid: string; thread: ThreadRecord; text: string; at: Date },
): Promise<void> {
  await ctx.db.insert(sandboxInboundMessages).values({
    mid: input.mid,
    pageId: input.thread.pageId,
    personId: input.thread.personId,
    psid: input.thread.psid,
    text: input.text,
    sentAt: input.at,
  });
}
