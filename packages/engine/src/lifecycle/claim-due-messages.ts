import { named, programs, rowsOf, type Transaction, tableAs } from "@waymark/db";
import { GRAPH_BATCH_LIMIT } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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
import { message as m, profile as p } from "./tables";

const g = alias(programs, "g");

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
          select ${p.id} as id, ${p.sendRatePerSecond} as send_rate_per_second from ${tableAs(p)}
          join unnest(${pgArray(pages.map((h) => h.id))}::uuid[], ${pgArray(pages.map((h) => h.holder))}::text[])
            as h(id, holder) on h.id = ${p.id}
          where ${p.status} = 'enabled' and ${p.connection} = 'ok'
            and (${p.senderId} = ${senderId} or ${p.senderId} is not distinct from h.holder)
            and exists (
              select 1 from ${tableAs(m)}
              where ${m.profileId} = ${p.id} and ${m.status} = 'queued' and ${m.nextAttemptAt} <= ${due}::timestamptz)
          order by ${p.id}
          for no key update of ${p}
        ), share as (
          select ceil(${limit}::numeric / greatest(count(*), 1))::int as n from sendable
        ), candidates as (
          select q.id, q.next_attempt_at from sendable s cross join share
          cross join lateral (
            select ${m.id} as id, ${m.nextAttemptAt} as next_attempt_at from ${tableAs(m)}
            where ${m.profileId} = s.id and ${m.status} = 'queued' and ${m.nextAttemptAt} <= ${due}::timestamptz
              and (${m.programId} is null or exists (
                select 1 from ${tableAs(g)} where ${g.id} = ${m.programId} and ${g.status} = 'active'))
            order by ${m.nextAttemptAt}, ${m.id}
            limit case when ${unpaced} then share.n
              else least(share.n, ceil(coalesce(s.send_rate_per_second, ${defaultRate}) * ${PACED_SECONDS_PER_TURN})::int) end
          ) q
        ), picked as (
          select ${m.id} as id, ${m.profileId} as profile_id from ${tableAs(m)}
          where ${m.id} in (select id from candidates order by next_attempt_at, id limit ${limit})
            and ${movedBy("claimed", m.status)}
          for update of ${m} skip locked
        ), owned as (
          update ${tableAs(p)} set ${named(p.senderId)} = ${senderId},
            ${named(p.senderUntil)} = ${new Date(now.getTime() + Math.min(leaseMs, MAX_SENDER_HOLD_MS)).toISOString()}::timestamptz
          where ${p.id} in (select profile_id from picked)
        )
        update ${tableAs(m)} set ${named(m.status)} = ${movedTo("queued", "claimed")},
          ${named(m.attempts)} = ${m.attempts} + 1,
          ${named(m.leaseUntil)} = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        from picked, ${tableAs(p)}
        where ${m.id} = picked.id and ${p.id} = ${m.profileId}
        returning ${m.id} as id, ${m.profileId} as profile_id, ${p.pageId} as page_id,
          ${p.pageTokenEnc} as page_token_enc, ${p.sendRatePerSecond} as rate, ${m.psid} as psid,
          ${m.messagingType} as messaging_type, ${m.tag} as tag, ${m.text} as text, ${m.attempts} as attempts,
          ${m.usesExtra} as uses_extra, ${m.day}::text as day, ${m.contactId} as contact_id,
          ${m.leaseUntil}::text as lease_until`),
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
      select ${p.id} as id, ${p.senderId} as holder, ${p.senderId} is not distinct from ${senderId} as mine,
        (${p.senderId} = ${senderId} or ${p.senderUntil} is null or ${p.senderUntil} < ${due}::timestamptz
          or (${p.senderId} is not null and exists (select 1 from live)
            and not exists (select 1 from live where key = ${senderKeySql(sql`${p.senderId}`)}))) as open,
        (select greatest(count(*), 1)::int from live) as senders
      from ${tableAs(p)}
      where ${p.status} = 'enabled' and ${p.connection} = 'ok'
        and exists (
          select 1 from ${tableAs(m)}
          where ${m.profileId} = ${p.id} and ${m.status} = 'queued' and ${m.nextAttemptAt} <= ${due}::timestamptz)
      order by ${p.id}`),
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
      update ${tableAs(p)} set ${named(p.senderId)} = null,
        ${named(p.senderUntil)} = ${new Date(now.getTime() + HANDOVER_MS).toISOString()}::timestamptz
      where ${p.id} = any(${pgArray(extra)}::uuid[]) and ${p.senderId} = ${senderId}`);
  }
  return taken.map(({ id, holder }) => ({ id, holder }));
}

/** Lets other senders take this sender's pages at once (it is stopping), not when its hold lapses. */
export async function releasePages(deps: Pick<SenderDeps, "db" | "senderId">): Promise<void> {
  await deps.db.execute(sql`
    update ${tableAs(p)} set ${named(p.senderId)} = null, ${named(p.senderUntil)} = null
    where ${p.senderId} = ${deps.senderId ?? PROCESS_SENDER_ID}`);
}
