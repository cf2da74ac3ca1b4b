import type { Transaction } from "@waymark/db";
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
        insert into messenger_messages (account_id, profile_id, program_id, node_id, enrolment_id, visit,
          contact_id, psid, messaging_type, tag, text, uses_extra, status, reason, day, created_at, next_attempt_at)
        select m.account_id, m.profile_id, m.program_id, m.node_id, m.enrolment_id, m.visit, m.contact_id,
          m.psid, m.messaging_type, m.tag, m.text, m.uses_extra, m.status, m.reason, m.day,
          ${at}::timestamptz, ${at}::timestamptz
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
        on conflict (enrolment_id, node_id, visit) do nothing
        returning profile_id, day, reason, status
      ), w as (
        select profile_id, day, reason, count(*)::int as n from inserted
        where status = ${NOT_SENT} group by profile_id, day, reason
      ), totals as (
        insert into messenger_daily_stats (profile_id, day, not_sent)
        select profile_id, day, sum(n)::int from w group by profile_id, day order by profile_id, day
        on conflict (profile_id, day) do update set not_sent = messenger_daily_stats.not_sent + excluded.not_sent
      )
      insert into messenger_daily_reasons (profile_id, day, kind, reason, count)
      select profile_id, day, 'warning', reason, n from w order by profile_id, day, reason
      on conflict (profile_id, day, kind, reason) do update set count = messenger_daily_reasons.count + excluded.count`),
  );
}
