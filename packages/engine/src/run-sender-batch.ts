import { GRAPH_BATCH_LIMIT, type SendMessageRequest, type SendResult } from "@waymark/facebook";
import { LRUCache } from "lru-cache";
import { claimDueMessages } from "./lifecycle/claim-due-messages";
import { markCallStarted } from "./lifecycle/mark-call-started";
import { recordResults } from "./lifecycle/record-results";
import { open } from "./secret-box";
import { SendPacer } from "./send-pacer";
import {
  type ClaimedMessage,
  DEFAULT_RATE_PER_SECOND,
  type PauseReason,
  type Result,
  type SenderDeps,
  UNREADABLE_TOKEN,
} from "./sender-types";

/** Pages whose pacers one process keeps; the least recently used go past this. */
export const PACER_CACHE_SIZE = 10_000;

/**
 * Pacers by profile, bounded so memory stays flat as pages come and go. A turn sends for at
 * most 2,000 profiles, so a pacer goes only after five turns without its page, and one unused
 * for two seconds paces exactly like a new one.
 */
const pacers = new LRUCache<string, SendPacer>({ max: PACER_CACHE_SIZE });

/**
 * One turn of the sender (DESIGN §3): claims due queued messages of healthy, enabled profiles
 * and marks them in flight in a committed transaction before any call, sends them (per
 * profile in Graph batches, paced per page, profiles concurrently), then records every
 * outcome in one transaction. Never sends a message twice: a crash leaves it in flight, and
 * `recoverExpiredLeases` turns it into unknown. The engine's loop runs turns through a
 * `SenderPipeline`, which records one turn while the next is claimed and sent.
 */
export async function runSenderBatch(deps: SenderDeps, limit = 2_000): Promise<number> {
  const claimed = await claimDueMessages(deps, limit);
  if (claimed.length === 0) return 0;
  await recordResults(deps, claimed, await sendClaimed(deps, claimed));
  return claimed.length;
}
/**
 * Sends claimed messages: per profile in waves of Graph batches (see `planSendWaves`), paced
 * per page, profiles concurrently. A profile in `paused` (its token was refused moments ago,
 * not yet recorded) is not called: its messages go back to the queue with that error.
 */
export async function sendClaimed(
  deps: SenderDeps,
  claimed: ClaimedMessage[],
  paused: ReadonlyMap<string, PauseReason> = new Map(),
): Promise<Result[]> {
  const batchSize = deps.batchSize ?? GRAPH_BATCH_LIMIT;
  const results: Result[] = [];
  const slot = concurrencyLimit(deps.concurrency ?? 32);
  const byProfile = new Map<string, ClaimedMessage[]>();
  for (const m of claimed) {
    const messages = byProfile.get(m.profile_id);
    if (messages) messages.push(m);
    else byProfile.set(m.profile_id, [m]);
  }
  await Promise.all(
    [...byProfile.values()].map(async (messages) => {
      const first = messages[0]!;
      const token = readPageToken(deps, first);
      if (token === undefined || paused.has(first.profile_id)) {
        const error = paused.get(first.profile_id) ?? UNREADABLE_TOKEN;
        for (const m of messages) results.push({ id: m.id, kind: "paused", error });
        return;
      }
      const pacer = pacerFor(deps, first);
      const size = Math.min(batchSize, pacer?.maxSends ?? batchSize);
      // A retry goes alone: in a batch, a call-level failure (a 5xx, a top-level 613) would
      // hit the same messages together again and again, using up their attempts.
      const alone = (m: ClaimedMessage) => m.attempts > 1;
      for (const wave of planSendWaves(messages, size, alone)) {
        await Promise.all(
          wave.map((chunk) =>
            slot(async () => results.push(...(await sendChunk(deps, token, pacer, chunk)))),
          ),
        );
      }
    }),
  );
  return results;
}

/** The profiles a turn's results paused, with the reason each was paused for. */
export function pausedProfiles(
  claimed: ClaimedMessage[],
  results: Result[],
): Map<string, PauseReason> {
  const profileOf = new Map(claimed.map((m) => [m.id, m.profile_id]));
  const paused = new Map<string, PauseReason>();
  for (const r of results) {
    if (r.kind === "paused") paused.set(profileOf.get(r.id)!, r.error);
  }
  return paused;
}

/**
 * Splits one profile's messages, in claim order, into waves of chunks of at most `size` (one
 * for a message that must go `alone`): a message to someone who already has one in the turn
 * goes into the next wave, so no chunk holds two messages for one person (a batch's requests
 * run in parallel) and a wave is sent only after the one before it has been answered,
 * keeping each person's messages in order.
 */
export function planSendWaves<M extends { psid: string }>(
  messages: M[],
  size: number,
  alone: (m: M) => boolean = () => false,
): M[][][] {
  const waves: M[][] = [];
  const earlier = new Map<string, number>();
  for (const m of messages) {
    const index = earlier.get(m.psid) ?? 0;
    earlier.set(m.psid, index + 1);
    const wave = waves[index];
    if (wave) wave.push(m);
    else waves[index] = [m];
  }
  return waves.map((wave) => {
    const shared = wave.filter((m) => !alone(m));
    const chunks = Array.from({ length: Math.ceil(shared.length / size) }, (_, i) =>
      shared.slice(i * size, (i + 1) * size),
    );
    return [...chunks, ...wave.filter(alone).map((m) => [m])];
  });
}

/** Runs at most `limit` tasks at a time, the others in the order they asked. */
function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A waiting task takes the place over; otherwise it is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

function readPageToken(deps: SenderDeps, m: ClaimedMessage): string | undefined {
  try {
    return open(deps.keys.pageToken, m.page_token_enc, m.profile_id);
  } catch {
    return undefined;
  }
}

/** The profile's pacer, or none when pacing is off; a changed rate gets a new pacer. */
function pacerFor(deps: SenderDeps, m: ClaimedMessage): SendPacer | undefined {
  const rate =
    deps.defaultRatePerSecond === 0
      ? 0
      : (m.rate ?? deps.defaultRatePerSecond ?? DEFAULT_RATE_PER_SECOND);
  if (rate <= 0) return undefined;
  let pacer = pacers.get(m.profile_id);
  if (pacer?.ratePerSecond !== rate) {
    pacer = new SendPacer(rate);
    pacers.set(m.profile_id, pacer);
  }
  return pacer;
}

function sendRequest(m: ClaimedMessage): SendMessageRequest {
  return {
    psid: m.psid,
    text: m.text,
    messagingType: m.messaging_type,
    ...(m.tag && { tag: m.tag }),
    metadata: m.id,
  } as SendMessageRequest;
}

/** Sends one chunk of a profile's messages, one slot each: alone in a call, or as a batch. */
async function sendChunk(
  deps: SenderDeps,
  pageToken: string,
  pacer: SendPacer | undefined,
  chunk: ClaimedMessage[],
): Promise<Result[]> {
  await pacer?.take(chunk.length);
  // The moment of the call, not of the answer: delivery watermarks are compared with it.
  const sentAt = deps.now().toISOString();
  // A sender that stalled past its lease has lost these messages to recovery: send only the
  // ones still held by this claim.
  const ours = await markCallStarted(deps.db, chunk, sentAt);
  if (ours.length === 0) return [];
  const outcomes =
    ours.length === 1
      ? [await deps.facebook.sendMessage({ pageToken, ...sendRequest(ours[0]!) })]
      : await deps.facebook.sendMessages(pageToken, ours.map(sendRequest));
  return ours.map((m, i) => classifySend(deps, m, outcomes[i]!, sentAt));
}

/** What one send's outcome means for its message: sent, retried later, failed, unknown or paused. */
function classifySend(
  deps: SenderDeps,
  m: ClaimedMessage,
  sent: SendResult,
  sentAt: string,
): Result {
  if (sent.ok) return { id: m.id, kind: "sent", fbMessageId: sent.messageId, sentAt };
  const error = sent.error;
  switch (error.classification) {
    case "retry": {
      if (m.attempts >= (deps.maxAttempts ?? 8)) return { id: m.id, kind: "failed", error };
      const hint = error.kind === "graph" ? (error.retryAfterMs ?? 0) : 0;
      const base = Math.max(hint, 1_000 * 2 ** (m.attempts - 1));
      return {
        id: m.id,
        kind: "retry",
        error,
        delayMs: Math.min(base, 15 * 60_000) * (0.5 + Math.random()),
      };
    }
    case "unknown":
      return { id: m.id, kind: "unknown", error };
    // The Page's token or its messaging permission is gone: every message of the Page would
    // fail alike, so the Page pauses (connection lost) until it is reconnected.
    case "token_invalid":
    case "permission":
      return { id: m.id, kind: "paused", error };
    default:
      return { id: m.id, kind: "failed", error };
  }
}
