import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { type Database, rowsOf, type Transaction } from "@waymark/db";
import {
  type FacebookClient,
  type FacebookError,
  GRAPH_BATCH_LIMIT,
  type SendMessageRequest,
  type SendResult,
} from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { checkWindowAtSend } from "./check-window-at-send";
import { countMoves, type StatusMove } from "./count-moves";
import { pgArray } from "./pg-array";
import { open } from "./secret-box";
import { SendPacer } from "./send-pacer";

export interface SenderDeps {
  db: Database;
  facebook: FacebookClient;
  keys: { pageToken: Buffer };
  now: () => Date;
  /** Sends per second per profile; 0 turns pacing off (benchmarks). */
  defaultRatePerSecond?: number;
  /** Parallel Send API calls (single sends or Graph batches) per turn. */
  concurrency?: number;
  /** Messages per Graph batch call, 1 to 50 (default); 1 sends each in a call of its own. */
  batchSize?: number;
  /** How long a claimed message may stay in flight before it is declared unknown. */
  leaseMs?: number;
  /** Who claims, when not this process's sender (tests of several senders in one process). */
  senderId?: string;
  maxAttempts?: number;
}

export interface ClaimedMessage {
  id: string;
  profile_id: string;
  page_id: string;
  page_token_enc: string;
  rate: number | null;
  psid: string;
  messaging_type: string;
  tag: string | null;
  text: string;
  attempts: number;
  day: string;
  contact_id: string;
  /** This claim's lease: later claims of the same row get a later one, so it names the claim. */
  lease_until: string;
}

export type Result =
  | { id: string; kind: "sent"; fbMessageId: string; sentAt: string }
  | { id: string; kind: "retry"; delayMs: number; error: FacebookError }
  | { id: string; kind: "failed"; error: FacebookError }
  | { id: string; kind: "unknown"; error: FacebookError }
  | { id: string; kind: "paused"; error: PauseReason };

/** The stored page token does not decrypt (SECRET_KEY changed): the Page must be reconnected. */
interface UnreadableToken {
  kind: "unreadable_token";
}
const UNREADABLE_TOKEN: UnreadableToken = { kind: "unreadable_token" };

/** Why a profile's messages wait: Facebook refused its token, or Waymark can't read it. */
type PauseReason = FacebookError | UnreadableToken;

const UNREADABLE_TOKEN_REASON =
  "Waymark can't read this profile's stored Page token (was SECRET_KEY changed?): log in to Facebook again to reconnect";

const pacers = new Map<string, SendPacer>();

/** Sends per second for a profile that sets no rate (and the runtime gives none). */
const DEFAULT_RATE_PER_SECOND = 50;
/** A turn claims per paced profile what its rate lets out in this many seconds. */
const PACED_SECONDS_PER_TURN = 2;
/** The longest a sender holds a page after its last claim for it (less when the lease is shorter). */
const MAX_SENDER_HOLD_MS = 30_000;
/** This process as a sender: its pacers are the pages' pacers while it holds them. */
const PROCESS_SENDER_ID = `${hostname()}:${process.pid}:${randomUUID()}`;

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
 * Claims up to `limit` due messages and marks them in flight, committed before any call. The
 * turn is shared fairly among the profiles with due messages, so one account's campaign does
 * not hold back another's messages, and each profile takes no more than its pacing lets out in
 * a couple of seconds, so a slow page does not hold the turn. A page is sent for by one sender
 * at a time (its pacer lives in that process): a claim takes the pages no other live sender
 * holds (locked in id order, so concurrent claims queue rather than deadlock) and holds them
 * for the message lease (at most 30 s) after its last claim. Each profile's queue is walked in
 * order on its own index range (a plan over all queued rows went wrong on statistics taken
 * before a campaign was queued), reading only the rows it takes; a row another sender holds
 * is skipped.
 */
export async function claimDueMessages(deps: SenderDeps, limit: number): Promise<ClaimedMessage[]> {
  const batchSize = deps.batchSize ?? GRAPH_BATCH_LIMIT;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > GRAPH_BATCH_LIMIT) {
    throw new RangeError(`batchSize must be an integer from 1 to ${GRAPH_BATCH_LIMIT}`);
  }
  const now = deps.now();
  const leaseMs = deps.leaseMs ?? 120_000;
  const due = now.toISOString();
  const unpaced = deps.defaultRatePerSecond === 0;
  const defaultRate = deps.defaultRatePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const senderId = deps.senderId ?? PROCESS_SENDER_ID;
  return deps.db.transaction(async (tx) => {
    const claimed = rowsOf<ClaimedMessage>(
      await tx.execute(sql`
        with sendable as (
          select p.id, p.send_rate_per_second from messenger_profiles p
          where p.status = 'enabled' and p.connection = 'ok'
            and (p.sender_id is null or p.sender_id = ${senderId} or p.sender_until < ${due}::timestamptz)
            and exists (
              select 1 from messenger_messages m
              where m.profile_id = p.id and m.status = 'queued' and m.next_attempt_at <= ${due}::timestamptz)
          order by p.id
          for update of p
        ), share as (
          select ceil(${limit}::numeric / greatest(count(*), 1))::int as n from sendable
        ), candidates as (
          select q.id, q.next_attempt_at from sendable p cross join share
          cross join lateral (
            select m.id, m.next_attempt_at from messenger_messages m
            where m.profile_id = p.id and m.status = 'queued' and m.next_attempt_at <= ${due}::timestamptz
              and (m.program_id is null or exists (
                select 1 from programs g where g.id = m.program_id and g.status = 'active'))
            order by m.next_attempt_at, m.id
            limit case when ${unpaced} then share.n
              else least(share.n, ceil(coalesce(p.send_rate_per_second, ${defaultRate}) * ${PACED_SECONDS_PER_TURN})::int) end
          ) q
        ), picked as (
          select m.id, m.profile_id from messenger_messages m
          where m.id in (select id from candidates order by next_attempt_at, id limit ${limit})
            and m.status = 'queued'
          for update of m skip locked
        ), owned as (
          update messenger_profiles p set sender_id = ${senderId},
            sender_until = ${new Date(now.getTime() + Math.min(leaseMs, MAX_SENDER_HOLD_MS)).toISOString()}::timestamptz
          where p.id in (select profile_id from picked)
        )
        update messenger_messages m set status = 'in_flight', attempts = m.attempts + 1,
          lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        from picked, messenger_profiles p
        where m.id = picked.id and p.id = m.profile_id
        returning m.id, m.profile_id, p.page_id, p.page_token_enc, p.send_rate_per_second as rate, m.psid,
          m.messaging_type, m.tag, m.text, m.attempts, m.day::text as day, m.contact_id,
          m.lease_until::text as lease_until`),
    );
    return checkWindowAtSend(tx, claimed, now);
  });
}

/** Lets other senders take this sender's pages at once (it is stopping), not when its hold lapses. */
export async function releasePages(deps: Pick<SenderDeps, "db" | "senderId">): Promise<void> {
  await deps.db.execute(sql`
    update messenger_profiles set sender_id = null, sender_until = null
    where sender_id = ${deps.senderId ?? PROCESS_SENDER_ID}`);
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

/**
 * Records, committed, that Facebook is about to get these messages. After a crash, a claimed
 * message without this mark never reached Facebook and is queued again; one with it may have.
 */
async function markCallStarted(
  db: Database,
  chunk: ClaimedMessage[],
  at: string,
): Promise<ClaimedMessage[]> {
  const marked = rowsOf<{ id: string }>(
    await db.execute(sql`
      update messenger_messages m set call_started_at = ${at}::timestamptz
      from unnest(${pgArray(chunk.map((c) => c.id))}::uuid[], ${pgArray(chunk.map((c) => c.lease_until))}::timestamptz[])
        as c(id, lease_until)
      where m.id = c.id and m.status = 'in_flight' and m.lease_until = c.lease_until
      returning m.id`),
  );
  const ids = new Set(marked.map((r) => r.id));
  return chunk.filter((m) => ids.has(m.id));
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
    case "token_invalid":
      return { id: m.id, kind: "paused", error };
    default:
      return { id: m.id, kind: "failed", error };
  }
}

/** Facebook's reason as recorded and shown in statistics. */
export function describeFacebookError(error: FacebookError | UnreadableToken): string {
  if (error.kind === "unreadable_token") return UNREADABLE_TOKEN_REASON;
  if (error.kind === "graph") {
    return `Facebook error ${error.code}${error.subcode ? `/${error.subcode}` : ""}: ${error.message}`;
  }
  return `No answer from Facebook (${error.reason})`;
}

export async function recordResults(
  deps: SenderDeps,
  claimed: ClaimedMessage[],
  results: Result[],
) {
  const byId = new Map(claimed.map((m) => [m.id, m]));
  const now = deps.now().toISOString();
  const rows = results.map((r) => {
    const e = r.kind === "sent" ? undefined : r.error;
    return {
      id: r.id,
      lease_until: byId.get(r.id)?.lease_until ?? null,
      kind: r.kind,
      fb_message_id: r.kind === "sent" ? r.fbMessageId : null,
      sent_at: r.kind === "sent" ? r.sentAt : null,
      next_attempt_at:
        r.kind === "retry" ? new Date(deps.now().getTime() + r.delayMs).toISOString() : null,
      error_code: e?.kind === "graph" ? e.code : null,
      error_subcode: e?.kind === "graph" ? (e.subcode ?? null) : null,
      error_message: e ? describeFacebookError(e) : null,
      blocks_recipient: e?.kind === "graph" && e.classification === "permanent_recipient",
    };
  });
  await deps.db.transaction(async (tx) => {
    // An echo stamped on the message while it was in flight is proof Facebook accepted it: it is
    // sent whatever the answer said (lost, retryable, even refused), at the latest now.
    const echoed = sql`(r.kind <> 'sent' and m.fb_message_id is not null)`;
    const updated = await tx.execute(sql`
      update messenger_messages m set
        status = case when ${echoed} then 'sent' else case r.kind when 'sent' then 'sent'
          when 'retry' then 'queued' when 'paused' then 'queued' when 'unknown' then 'unknown'
          else 'failed' end end,
        fb_message_id = coalesce(r.fb_message_id, m.fb_message_id),
        sent_at = case when ${echoed} then coalesce(m.sent_at, ${now}::timestamptz)
          else coalesce(r.sent_at, m.sent_at) end,
        next_attempt_at = coalesce(r.next_attempt_at, m.next_attempt_at),
        attempts = case when r.kind = 'paused' and not ${echoed} then m.attempts - 1 else m.attempts end,
        lease_until = null,
        call_started_at = null,
        error_code = case when ${echoed} then null else r.error_code end,
        error_subcode = case when ${echoed} then null else r.error_subcode end,
        error_message = case when ${echoed} then null else r.error_message end,
        reason = case when r.kind in ('failed', 'unknown') and not ${echoed} then r.error_message
          else m.reason end
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, lease_until timestamptz, kind text,
        fb_message_id text, sent_at timestamptz, next_attempt_at timestamptz, error_code int, error_subcode int,
        error_message text)
      where m.id = r.id and m.status = 'in_flight' and m.lease_until = r.lease_until
      returning m.id, m.profile_id, m.day::text as day, m.status as to, m.reason as to_reason`);
    // A message whose lease ran out meanwhile was already settled: only real moves count.
    const moved = rowsOf<Omit<StatusMove, "from"> & { id: string }>(updated);
    await countMoves(
      tx,
      moved.map(({ id: _id, ...u }) => ({ ...u, from: "in_flight" })),
    );
    const failed = new Set(moved.filter((u) => u.to === "failed").map((u) => u.id));
    await touchProfiles(tx, rows, byId, now);
    // An echo proved a refused-looking send was accepted: that person did not block the page.
    const blocked = rows
      .filter((r) => r.blocks_recipient && failed.has(r.id))
      .map((r) => byId.get(r.id)!);
    if (blocked.length > 0) {
      await tx.execute(sql`
        update messenger_contacts mc set blocked_at = ${now}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(blocked.map((b) => ({ profile_id: b.profile_id, contact_id: b.contact_id })))}::jsonb)
          as b(profile_id uuid, contact_id uuid)
        where mc.profile_id = b.profile_id and mc.contact_id = b.contact_id`);
    }
  });
}

/** Records each profile's last success and last error; an invalid token marks the connection lost. */
async function touchProfiles(
  tx: Transaction,
  rows: { id: string; kind: string; error_message: string | null }[],
  byId: Map<string, ClaimedMessage>,
  now: string,
) {
  const perProfile = new Map<
    string,
    { id: string; success: boolean; error: string | null; lost: boolean }
  >();
  for (const r of rows) {
    const profileId = byId.get(r.id)!.profile_id;
    const entry = perProfile.get(profileId) ?? {
      id: profileId,
      success: false,
      error: null,
      lost: false,
    };
    if (r.kind === "sent") entry.success = true;
    else entry.error = r.error_message;
    if (r.kind === "paused") entry.lost = true;
    perProfile.set(profileId, entry);
  }
  // In id order, as claims lock them, so the two queue for each other rather than deadlock.
  await tx.execute(sql`
    select id from messenger_profiles where id = any(${pgArray([...perProfile.keys()])}::uuid[])
    order by id for update`);
  await tx.execute(sql`
    update messenger_profiles p set
      last_success_at = case when x.success then ${now}::timestamptz else p.last_success_at end,
      last_error_at = case when x.error is not null then ${now}::timestamptz else p.last_error_at end,
      last_error = coalesce(x.error, p.last_error),
      connection = case when x.lost then 'lost' else p.connection end
    from jsonb_to_recordset(${JSON.stringify([...perProfile.values()])}::jsonb) as x(id uuid, success boolean,
      error text, lost boolean)
    where p.id = x.id`);
}
