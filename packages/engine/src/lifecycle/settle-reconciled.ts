import { type Database, rowsOf, type Transaction } from "@waymark/db";
import { WARNING_REASONS } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { unnestRows } from "../pg-array";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";

/** An unknown outcome taken to be reconciled from Facebook's conversation with its person. */
export interface UnknownToReconcile {
  id: string;
  profile_id: string;
  page_id: string;
  page_token_enc: string;
  psid: string;
  text: string | null;
  /** When its Send API call started (else when it was queued): Facebook's copy is not older. */
  called_at: string;
}

/** What Facebook's conversation says of one unknown outcome. */
export type Reconciled =
  | { id: string; found: { mid: string; createdTime: string } }
  | { id: string; found: null };

/**
 * Takes up to `limit` unknown outcomes whose call started at least `quietMs` ago and are due
 * for a look, and puts their next look `retryMs` later (so another worker skips them, and a
 * Facebook that cannot answer now is asked again later). Messages of profiles that cannot be
 * asked (disabled, disconnected) are left alone.
 */
export async function takeUnknownToReconcile(
  db: Database,
  at: { now: Date; quietMs: number; retryMs: number },
  limit: number,
): Promise<UnknownToReconcile[]> {
  const now = at.now.toISOString();
  const quietSince = new Date(at.now.getTime() - at.quietMs).toISOString();
  const next = new Date(at.now.getTime() + at.retryMs).toISOString();
  return rowsOf<UnknownToReconcile>(
    await db.execute(sql`
      update messenger_messages m set next_attempt_at = ${next}::timestamptz
      from messenger_profiles p
      where m.id in (
          select q.id from messenger_messages q
          where ${movedBy("reconciled_found", sql`q.status`)} and q.next_attempt_at <= ${now}::timestamptz
            and coalesce(q.call_started_at, q.created_at) <= ${quietSince}::timestamptz
          order by q.next_attempt_at, q.id
          limit ${limit}
          for update skip locked)
        and p.id = m.profile_id and p.status = 'enabled' and p.connection = 'ok'
      returning m.id, m.profile_id, p.page_id, p.page_token_enc, m.psid, m.text,
        coalesce(m.call_started_at, m.created_at)::text as called_at`),
  );
}

/**
 * Settles reconciled outcomes in one transaction: found in the conversation → sent, at
 * Facebook's time, with Facebook's mid; not found → not sent ("never reached Facebook").
 * Only messages still unknown move (an echo may have settled one meanwhile).
 */
export async function settleReconciled(
  db: Database,
  outcomes: Reconciled[],
  now: Date,
): Promise<number> {
  if (outcomes.length === 0) return 0;
  const rows = unnestRows(outcomes, "r", {
    id: ["uuid", (o) => o.id],
    mid: ["text", (o) => o.found?.mid ?? null],
    created_time: ["timestamptz", (o) => o.found?.createdTime ?? null],
  });
  return db.transaction(async (tx: Transaction) => {
    const moved = rowsOf<StatusMove>(
      await tx.execute(sql`
        update messenger_messages m set
          status = case when r.mid is not null then ${movedTo("unknown", "reconciled_found")}
            else ${movedTo("unknown", "reconciled_absent")} end,
          fb_message_id = coalesce(r.mid, m.fb_message_id),
          sent_at = case when r.mid is not null then r.created_time else m.sent_at end,
          sent_day = case when r.mid is not null
            then ${localDaySql(sql`r.created_time`, sql`a.time_zone`)} else m.sent_day end,
          reason = case when r.mid is not null then null else ${WARNING_REASONS.neverReachedFacebook} end,
          error_code = null, error_subcode = null, error_message = null,
          call_started_at = null,
          reconciled_at = ${now.toISOString()}::timestamptz
        from ${rows},
          accounts a, messenger_messages old
        where m.id = r.id and old.id = m.id and a.id = m.account_id
          and ${movedBy("reconciled_found", sql`m.status`)}
        returning m.profile_id, m.day::text as day, m.sent_day::text as sent_day,
          'unknown' as from, m.status as to, old.reason as from_reason, m.reason as to_reason`),
    );
    await countMoves(tx, moved);
    return moved.length;
  });
}
