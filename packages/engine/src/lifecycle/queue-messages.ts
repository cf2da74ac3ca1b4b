import {
  messengerDailyReasons,
  messengerDailyStats,
  messengerMessages,
  named,
  type Transaction,
  tableAs,
} from "@waymark/db";
import { sql } from "drizzle-orm";
import type { PlannedMessage } from "../advance-enrolment";
import { unnestRows } from "../pg-array";
import { startStatement } from "../start-statement";
import { firstStatus } from "./status-sql";

/** A message a batch decided, with the enrolment it belongs to and its local day. */
export interface MessageToQueue {
  row: { id: number; account_id: string; program_id: string; contact_id: string };
  m: PlannedMessage;
  day: string;
}

// Written straight into its first status: queued, or not sent with its warning (not opted in,
// outside the window…), which counts at once. The counting is done in SQL here, not through
// countMoves, because a batch queues thousands: it is counterDelta(null, "not_sent").
const NOT_SENT = firstStatus("not_sent");
const m = messengerMessages;
const s = messengerDailyStats;
const r = messengerDailyReasons;
/** The columns a queued message is written with, in the order of the rows below. */
const WRITTEN = [
  m.accountId,
  m.profileId,
  m.programId,
  m.nodeId,
  m.enrolmentId,
  m.visit,
  m.contactId,
  m.psid,
  m.messagingType,
  m.tag,
  m.text,
  m.usesExtra,
  m.status,
  m.reason,
  m.day,
].map(named);

/**
 * Queues a batch's messages. ON CONFLICT: a node visit has one message whatever happens
 * (DESIGN §3); only rows really inserted count as warnings.
 */
export function queueMessages(
  tx: Transaction,
  messages: MessageToQueue[],
  at: string,
): Promise<unknown> {
  if (messages.length === 0) return Promise.resolve();
  // Sent at once, so that it reaches PostgreSQL after the statements started before it.
  return startStatement(
    tx.execute(sql`
      with inserted as (
        insert into ${tableAs(m)} (${sql.join(WRITTEN, sql`, `)}, ${named(m.createdAt)},
          ${named(m.nextAttemptAt)})
        select ${sql.join(WRITTEN, sql`, `)}, ${at}::timestamptz, ${at}::timestamptz
        from ${unnestRows(messages, "m", {
          account_id: ["uuid", ({ row }) => row.account_id],
          profile_id: ["uuid", ({ m }) => m.profileId],
          program_id: ["uuid", ({ row }) => row.program_id],
          node_id: ["text", ({ m }) => m.nodeId],
          enrolment_id: ["bigint", ({ row }) => row.id],
          visit: ["int", ({ m }) => m.visit],
          contact_id: ["uuid", ({ row }) => row.contact_id],
          psid: ["text", ({ m }) => m.psid],
          messaging_type: ["text", ({ m }) => m.messagingType],
          tag: ["text", ({ m }) => m.tag],
          text: ["text", ({ m }) => m.text],
          uses_extra: ["int", ({ m }) => (m.usesExtra ? 1 : 0)],
          status: ["text", ({ m }) => m.status],
          reason: ["text", ({ m }) => m.reason],
          day: ["date", ({ day }) => day],
        })}
        on conflict (${named(m.enrolmentId)}, ${named(m.nodeId)}, ${named(m.visit)}) do nothing
        returning ${m.profileId} as profile_id, ${m.day} as day, ${m.reason} as reason, ${m.status} as status
      ), w as (
        select profile_id, day, reason, count(*)::int as n from inserted
        where status = ${NOT_SENT} group by profile_id, day, reason
      ), totals as (
        insert into ${tableAs(s)} (${named(s.profileId)}, ${named(s.day)}, ${named(s.notSent)})
        select profile_id, day, sum(n)::int from w group by profile_id, day order by profile_id, day
        on conflict (${named(s.profileId)}, ${named(s.day)}) do update
          set ${named(s.notSent)} = ${s.notSent} + excluded.${named(s.notSent)}
      )
      insert into ${tableAs(r)} (${sql.join([r.profileId, r.day, r.kind, r.reason, r.count].map(named), sql`, `)})
      select profile_id, day, 'warning', reason, n from w order by profile_id, day, reason
      on conflict (${sql.join([r.profileId, r.day, r.kind, r.reason].map(named), sql`, `)}) do update
        set ${named(r.count)} = ${r.count} + excluded.${named(r.count)}`),
  );
}
