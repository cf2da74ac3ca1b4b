import { rowsOf } from "@waymark/db";
import type { FacebookClient } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { ClockAndDatabase } from "./clock-and-database";
import {
  type Reconciled,
  settleReconciled,
  takeUnknownToReconcile,
  type UnknownToReconcile,
} from "./lifecycle/settle-reconciled";
import { pgArray } from "./pg-array";
import { open } from "./secret-box";

export interface ReconcileDeps extends ClockAndDatabase {
  facebook: FacebookClient;
  keys: { pageToken: Buffer };
  /** How long after its call an unknown outcome is looked up (its echo may still come). */
  reconcileAfterMs?: number;
}

/** Default quiet period: echoes of accepted sends come within seconds, even when late. */
export const RECONCILE_AFTER_MS = 10 * 60_000;
/** When Facebook could not be asked (rate limit, outage), the next look is this much later. */
const RETRY_MS = 5 * 60_000;
/**
 * Conversations API calls are spaced this far apart per page: Facebook allows about 2 a
 * second (MESSENGER.md §9), counted on its own clock, so a little under that and no bursts.
 */
const CALL_SPACING_MS = 600;
/** Facebook's clock and ours may differ a little; its copy is not older than the call less this. */
const CLOCK_SKEW_MS = 60_000;
/** Message pages read per person (25 each); a person with more since the call is asked again. */
const MAX_PAGES = 4;
/** Facebook gives the details of a conversation's 20 most recent messages only. */
const DETAILED_MESSAGES = 20;

/** Per page, when its next conversation read may start (this process's clock). */
const nextCallAt = new LRUCache<string, number>({ max: 10_000 });

/** Waits for the page's next turn to read, and takes it. */
async function paceRead(pageId: string): Promise<void> {
  const now = performance.now();
  const at = Math.max(now, nextCallAt.get(pageId) ?? now);
  nextCallAt.set(pageId, at + CALL_SPACING_MS);
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}

/**
 * One turn of reconciliation (issue 16): unknown outcomes, a quiet period after their call,
 * are looked up in Facebook's conversation with their person, matched by the Page as sender,
 * the text and a time not before the call; each Facebook message settles one of ours. Found →
 * sent; not there → never reached Facebook. When Facebook cannot answer, they wait for later.
 * Returns how many outcomes it looked at.
 */
export async function reconcileUnknownOutcomes(deps: ReconcileDeps, limit = 50): Promise<number> {
  const taken = await takeUnknownToReconcile(
    deps.db,
    { now: deps.now(), quietMs: deps.reconcileAfterMs ?? RECONCILE_AFTER_MS, retryMs: RETRY_MS },
    limit,
  );
  if (taken.length === 0) return 0;
  const people = new Map<string, UnknownToReconcile[]>();
  for (const m of taken) {
    const key = `${m.profile_id}:${m.psid}`;
    people.set(key, [...(people.get(key) ?? []), m]);
  }
  const outcomes: Reconciled[] = [];
  for (const messages of people.values()) {
    const settled = await reconcilePerson(deps, messages);
    if (settled) outcomes.push(...settled);
  }
  await settleReconciled(deps.db, outcomes, deps.now());
  return taken.length;
}

/** One person's unknown outcomes against their conversation; null when Facebook cannot tell. */
async function reconcilePerson(
  deps: ReconcileDeps,
  messages: UnknownToReconcile[],
): Promise<Reconciled[] | null> {
  const first = messages[0]!;
  let token: string;
  try {
    token = open(deps.keys.pageToken, first.page_token_enc, first.profile_id);
  } catch {
    return null; // Reconnecting the page makes the token readable again.
  }
  const call = async <T>(request: () => Promise<T>) => {
    await paceRead(first.page_id);
    return request();
  };

  const conversation = await call(() =>
    deps.facebook.findConversation(token, first.page_id, first.psid),
  );
  if (!conversation.ok) return null;
  if (conversation.conversationId === null) return messages.map((m) => ({ id: m.id, found: null }));

  // Facebook's messages since the earliest call, newest first.
  const since = Math.min(...messages.map((m) => Date.parse(m.called_at))) - CLOCK_SKEW_MS;
  const candidates: { id: string; createdTime: string }[] = [];
  let after: string | undefined;
  let complete = false;
  for (let page = 0; page < MAX_PAGES && !complete; page++) {
    const listed = await call(() =>
      deps.facebook.listConversationMessages(token, conversation.conversationId!, after),
    );
    if (!listed.ok) return null;
    for (const m of listed.messages) {
      if (Date.parse(m.createdTime) < since) complete = true;
      else candidates.push(m);
    }
    if (listed.after === null) complete = true;
    else after = listed.after;
  }
  if (!complete || candidates.length > DETAILED_MESSAGES) return null;

  // Messages Waymark already knows (answered or echoed) are not candidates.
  const known = new Set(
    rowsOf<{ fb_message_id: string }>(
      await deps.db.execute(sql`
        select fb_message_id from messenger_messages
        where profile_id = ${first.profile_id}::uuid
          and fb_message_id = any(${pgArray(candidates.map((c) => c.id))}::text[])`),
    ).map((r) => r.fb_message_id),
  );
  const ours: { id: string; createdTime: string; text: string | null }[] = [];
  for (const candidate of candidates.filter((c) => !known.has(c.id))) {
    const detail = await call(() => deps.facebook.getMessage(token, candidate.id));
    if (!detail.ok) return null;
    if (detail.message.fromId === first.page_id) {
      ours.push({
        id: candidate.id,
        createdTime: detail.message.createdTime,
        text: detail.message.text,
      });
    }
  }

  // Oldest call first takes the oldest matching copy, so each copy settles one message.
  const used = new Set<string>();
  const byTime = (a: { createdTime: string }, b: { createdTime: string }) =>
    Date.parse(a.createdTime) - Date.parse(b.createdTime);
  ours.sort(byTime);
  return [...messages]
    .sort((a, b) => Date.parse(a.called_at) - Date.parse(b.called_at))
    .map((m) => {
      const copy = ours.find(
        (o) =>
          !used.has(o.id) &&
          o.text === m.text &&
          Date.parse(o.createdTime) >= Date.parse(m.called_at) - CLOCK_SKEW_MS,
      );
      if (!copy) return { id: m.id, found: null };
      used.add(copy.id);
      return { id: m.id, found: { mid: copy.id, createdTime: copy.createdTime } };
    });
}
