import {
  type Database,
  messengerMessages,
  named,
  rowsOf,
  type Transaction,
  tableAs,
} from "@waymark/db";
import { WARNING_REASONS } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { unnestRows } from "../pg-array";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";
import { account as a, message as m, profile as p } from "./tables";

const q = alias(messengerMessages, "q");
/** The message as it was before the statement: what a move is counted from. */
const old = alias(messengerMessages, "old");

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
      update ${tableAs(m)} set ${named(m.nextAttemptAt)} = ${next}::timestamptz
      from ${tableAs(p)}
      where ${m.id} in (
          select ${q.id} from ${tableAs(q)}
          where ${movedBy("reconciled_found", q.status)} and ${q.nextAttemptAt} <= ${now}::timestamptz
            and coalesce(${q.callStartedAt}, ${q.createdAt}) <= ${quietSince}::timestamptz
          order by ${q.nextAttemptAt}, ${q.id}
          limit ${limit}
          for update skip locked)
        and ${p.id} = ${m.profileId} and ${p.status} = 'enabled' and ${p.connection} = 'ok'
      returning ${m.id} as id, ${m.profileId} as profile_id, ${p.pageId} as page_id,
        ${p.pageTokenEnc} as page_token_enc, ${m.psid} as psid, ${m.text} as text,
        coalesce(${m.callStartedAt}, ${m.createdAt})::text as called_at`),
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
        update ${tableAs(m)} set
          ${named(m.status)} = case when r.mid is not null then ${movedTo("unknown", "reconciled_found")}
            else ${movedTo("unknown", "reconciled_absent")} end,
          ${named(m.fbMessageId)} = coalesce(r.mid, ${m.fbMessageId}),
          ${named(m.sentAt)} = case when r.mid is not null then r.created_time else ${m.sentAt} end,
          ${named(m.sentDay)} = case when r.mid is not null
            then ${localDaySql(sql`r.created_time`, a.timeZone)} else ${m.sentDay} end,
          ${named(m.reason)} = case when r.mid is not null then null
            else ${WARNING_REASONS.neverReachedFacebook} end,
          ${named(m.errorCode)} = null, ${named(m.errorSubcode)} = null, ${named(m.errorMessage)} = null,
          ${named(m.callStartedAt)} = null,
          ${named(m.reconciledAt)} = ${now.toISOString()}::timestamptz
        from ${rows}, ${tableAs(a)}, ${tableAs(old)}
        where ${m.id} = r.id and ${old.id} = ${m.id} and ${a.id} = ${m.accountId}
          and ${movedBy("reconciled_found", m.status)}
        returning ${m.profileId} as profile_id, ${m.day}::text as day, ${m.sentDay}::text as sent_day,
          'unknown' as from, ${m.status} as to, ${old.reason} as from_reason, ${m.reason} as to_reason`),
    );
    await countMoves(tx, moved);
    return moved.length;
  });
}
