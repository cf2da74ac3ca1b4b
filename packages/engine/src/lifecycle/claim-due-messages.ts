import { rowsOf, type Transaction } from "@waymark/db";
import { GRAPH_BATCH_LIMIT } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { LIVE_SENDER_KEYS_SQL, senderKeySql } from "../engine-presence";
import { pgArray } from "../pg-array";
import {
  type ClaimedMessage,
  DEFAULT_RATE_PER_SECOND,
  MAX_SENDER_HOLD_MS,
  PACED_SECONDS_PER_TURN,
  PROCESS_SENDER_ID,
  type SenderDeps,
} from "../sender-types";
import { checkWindowAtSend } from "./check-window-at-send";
import { movedBy, movedTo } from "./status-sql";

/**
 * Claims up to `limit` due messages and marks them in flight, committed before any call. The
 * turn is shared fairly among the profiles with due messages, so one account's campaign does
 * not hold back another's messages, and each profile takes no more than its pacing lets out in
 * a couple of seconds, so a slow page does not hold the turn. A page is sent for by one sender
 * at a time (its pacer lives in that process): a claim takes its share of the pages no other
 * live sender holds (`sharePages`; locked in id order, so concurrent claims queue rather than
 * deadlock; `no key update`, which the inbox processor's key-share locks pass) and holds them for the message lease (at most 30 s) after its last claim. Each
 * profile's queue is walked in order on its own index range (a plan over all queued rows went
 * wrong on statistics taken before a campaign was queued), reading only the rows it takes; a
 * row another sender holds is skipped.
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
    const pages = await sharePages(tx, senderId, now);
    if (pages.length === 0) return [];
    const claimed = rowsOf<ClaimedMessage>(
      await tx.execute(sql`
        with sendable as (
          select p.id, p.send_rate_per_second from messenger_profiles p
          join unnest(${pgArray(pages.map((g) => g.id))}::uuid[], ${pgArray(pages.map((g) => g.holder))}::text[])
            as g(id, holder) on g.id = p.id
          where p.status = 'enabled' and p.connection = 'ok'
            and (p.sender_id = ${senderId} or p.sender_id is not distinct from g.holder)
            and exists (
              select 1 from messenger_messages m
              where m.profile_id = p.id and m.status = 'queued' and m.next_attempt_at <= ${due}::timestamptz)
          order by p.id
          for no key update of p
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
            and ${movedBy("claimed", sql`m.status`)}
          for update of m skip locked
        ), owned as (
          update messenger_profiles p set sender_id = ${senderId},
            sender_until = ${new Date(now.getTime() + Math.min(leaseMs, MAX_SENDER_HOLD_MS)).toISOString()}::timestamptz
          where p.id in (select profile_id from picked)
        )
        update messenger_messages m set status = ${movedTo("queued", "claimed")}, attempts = m.attempts + 1,
          lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        from picked, messenger_profiles p
        where m.id = picked.id and p.id = m.profile_id
        returning m.id, m.profile_id, p.page_id, p.page_token_enc, p.send_rate_per_second as rate, m.psid,
          m.messaging_type, m.tag, m.text, m.attempts, m.uses_extra, m.day::text as day, m.contact_id,
          m.lease_until::text as lease_until`),
    );
    return checkWindowAtSend(tx, claimed, now);
  });
}

/**
 * After giving a page up, how long no one may take it: its pacer's cap covers the last second,
 * and the next sender's pacer starts afresh, so the page's rate holds across the handover.
 */
export const HANDOVER_MS = 1_000;

/**
 * This sender's share of the pages with due messages, P of them among W live senders
 * (`LIVE_SENDER_KEYS_SQL`): the ones it holds, then open ones, up to ceil(P / W), in id order.
 * A page is open when free, its hold lapsed, or its holder is no longer live (killed: its
 * lock went with its connection). Pages held past the share are given up, free after
 * `HANDOVER_MS`, so a sender that joins gets pages within a turn or two. Returns the pages
 * with the holder seen here: the claim locks them and takes only those still so.
 */
async function sharePages(
  tx: Transaction,
  senderId: string,
  now: Date,
): Promise<{ id: string; holder: string | null }[]> {
  const due = now.toISOString();
  // The live-sender check applies only where senders register: never on PGlite (one process),
  // nor to a claim made outside the engine's loops while none run (tests).
  const pages = rowsOf<{
    id: string;
    holder: string | null;
    mine: boolean;
    open: boolean;
    senders: number;
  }>(
    await tx.execute(sql`
      with live as materialized (${LIVE_SENDER_KEYS_SQL})
      select p.id, p.sender_id as holder, p.sender_id is not distinct from ${senderId} as mine,
        (p.sender_id = ${senderId} or p.sender_until is null or p.sender_until < ${due}::timestamptz
          or (p.sender_id is not null and exists (select 1 from live)
            and not exists (select 1 from live where key = ${senderKeySql(sql`p.sender_id`)}))) as open,
        (select greatest(count(*), 1)::int from live) as senders
      from messenger_profiles p
      where p.status = 'enabled' and p.connection = 'ok'
        and exists (
          select 1 from messenger_messages m
          where m.profile_id = p.id and m.status = 'queued' and m.next_attempt_at <= ${due}::timestamptz)
      order by p.id`),
  );
  if (pages.length === 0) return [];
  const share = Math.ceil(pages.length / pages[0]!.senders);
  const taken = [
    ...pages.filter((p) => p.mine && p.open),
    ...pages.filter((p) => !p.mine && p.open),
  ].slice(0, share);
  const kept = new Set(taken.map((p) => p.id));
  const extra = pages.filter((p) => p.mine && !kept.has(p.id)).map((p) => p.id);
  if (extra.length > 0) {
    await tx.execute(sql`
      update messenger_profiles set sender_id = null,
        sender_until = ${new Date(now.getTime() + HANDOVER_MS).toISOString()}::timestamptz
      where id = any(${pgArray(extra)}::uuid[]) and sender_id = ${senderId}`);
  }
  return taken.map(({ id, holder }) => ({ id, holder }));
}

/** Lets other senders take this sender's pages at once (it is stopping), not when its hold lapses. */
export async function releasePages(deps: Pick<SenderDeps, "db" | "senderId">): Promise<void> {
  await deps.db.execute(sql`
    update messenger_profiles set sender_id = null, sender_until = null
    where sender_id = ${deps.senderId ?? PROCESS_SENDER_ID}`);
}
