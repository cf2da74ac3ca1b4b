import { messengerContacts, named, rowsOf, type Transaction, tableAs } from "@waymark/db";
import { formatFacebookError, formatNoAnswer } from "@waymark/domain";
import type { FacebookError } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { pgArray, unnestRows } from "../pg-array";
import {
  type ClaimedMessage,
  type Result,
  type SenderDeps,
  UNREADABLE_TOKEN_REASON,
  type UnreadableToken,
} from "../sender-types";
import { countMoves, type StatusMove } from "./count-moves";
import { localDaySql, movedBy, movedTo } from "./status-sql";
import { account as a, message as m, profile as p } from "./tables";

const mc = alias(messengerContacts, "mc");

/** Facebook's reason as recorded and shown in statistics. */
export function describeFacebookError(error: FacebookError | UnreadableToken): string {
  if (error.kind === "unreadable_token") return UNREADABLE_TOKEN_REASON;
  if (error.kind === "graph") {
    return formatFacebookError(error.code, error.subcode, error.message);
  }
  return formatNoAnswer(error.reason);
}

/** Records a turn's answers from Facebook in one transaction, moving each in-flight message on. */
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
    // The profiles before their messages, in id order, as claims and a profile's deletion lock
    // them, so those queue for each other rather than deadlock.
    await tx.execute(sql`
      select ${p.id} from ${tableAs(p)}
      where ${p.id} = any(${pgArray([...new Set(claimed.map((c) => c.profile_id))])}::uuid[])
      order by ${p.id} for no key update of ${p}`);
    // An echo stamped on the message while it was in flight is proof Facebook accepted it: it is
    // sent whatever the answer said (lost, retryable, even refused), at the latest now.
    const echoed = sql`(r.kind <> 'sent' and ${m.fbMessageId} is not null)`;
    const sentAt = sql`case when ${echoed} then coalesce(${m.sentAt}, ${now}::timestamptz)
      else coalesce(r.sent_at, ${m.sentAt}) end`;
    const updated = await tx.execute(sql`
      update ${tableAs(m)} set
        ${named(m.status)} = case when ${echoed} then ${movedTo("in_flight", "answered_permanent", true)}
          else case r.kind when 'sent' then ${movedTo("in_flight", "answered_ok")}
          when 'retry' then ${movedTo("in_flight", "answered_retry")}
          when 'paused' then ${movedTo("in_flight", "released")}
          when 'unknown' then ${movedTo("in_flight", "answered_lost")}
          else ${movedTo("in_flight", "answered_permanent")} end end,
        ${named(m.fbMessageId)} = coalesce(r.fb_message_id, ${m.fbMessageId}),
        ${named(m.sentAt)} = ${sentAt},
        ${named(m.sentDay)} = ${localDaySql(sentAt, a.timeZone)},
        ${named(m.nextAttemptAt)} = coalesce(r.next_attempt_at, ${m.nextAttemptAt}),
        ${named(m.attempts)} = case when r.kind = 'paused' and not ${echoed} then ${m.attempts} - 1
          else ${m.attempts} end,
        ${named(m.leaseUntil)} = null,
        -- An unknown outcome keeps when its call started: reconciliation looks after it.
        ${named(m.callStartedAt)} = case when r.kind = 'unknown' and not ${echoed} then ${m.callStartedAt} end,
        ${named(m.errorCode)} = case when ${echoed} then null else r.error_code end,
        ${named(m.errorSubcode)} = case when ${echoed} then null else r.error_subcode end,
        ${named(m.errorMessage)} = case when ${echoed} then null else r.error_message end,
        ${named(m.reason)} = case when r.kind in ('failed', 'unknown') and not ${echoed} then r.error_message
          else ${m.reason} end
      from ${unnestRows(rows, "r", {
        id: ["uuid", (r) => r.id],
        lease_until: ["timestamptz", (r) => r.lease_until],
        kind: ["text", (r) => r.kind],
        fb_message_id: ["text", (r) => r.fb_message_id],
        sent_at: ["timestamptz", (r) => r.sent_at],
        next_attempt_at: ["timestamptz", (r) => r.next_attempt_at],
        error_code: ["int", (r) => r.error_code],
        error_subcode: ["int", (r) => r.error_subcode],
        error_message: ["text", (r) => r.error_message],
      })}, ${tableAs(a)}
      where ${m.id} = r.id and ${movedBy("answered_ok", m.status)} and ${m.leaseUntil} = r.lease_until
        and ${a.id} = ${m.accountId}
      returning ${m.id} as id, ${m.profileId} as profile_id, ${m.day}::text as day,
        ${m.sentDay}::text as sent_day, ${m.status} as to, ${m.reason} as to_reason`);
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
        update ${tableAs(mc)} set ${named(mc.blockedAt)} = ${now}::timestamptz
        from ${unnestRows(blocked, "b", {
          profile_id: ["uuid", (b) => b.profile_id],
          contact_id: ["uuid", (b) => b.contact_id],
        })}
        where ${mc.profileId} = b.profile_id and ${mc.contactId} = b.contact_id`);
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
  await tx.execute(sql`
    update ${tableAs(p)} set
      ${named(p.lastSuccessAt)} = case when x.success then ${now}::timestamptz else ${p.lastSuccessAt} end,
      ${named(p.lastErrorAt)} = case when x.error is not null then ${now}::timestamptz
        else ${p.lastErrorAt} end,
      ${named(p.lastError)} = coalesce(x.error, ${p.lastError}),
      ${named(p.connection)} = case when x.lost then 'lost' else ${p.connection} end
    from ${unnestRows([...perProfile.values()], "x", {
      id: ["uuid", (x) => x.id],
      success: ["boolean", (x) => x.success],
      error: ["text", (x) => x.error],
      lost: ["boolean", (x) => x.lost],
    })}
    where ${p.id} = x.id`);
}
