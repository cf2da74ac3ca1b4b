import { messengerContacts, named, rowsOf, type Transaction, tableAs } from "@waymark/db";
import { decideSendWindow, isBlocked, type PolicyVersion, WARNING_REASONS } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { pgArray } from "../pg-array";
import { countMoves } from "./count-moves";
import { movedBy, movedTo } from "./status-sql";
import { message as m, profile as p } from "./tables";

const mc = alias(messengerContacts, "mc");

/** What the send-time check needs of a claimed message. */
interface Claimed {
  id: string;
  profile_id: string;
  contact_id: string;
  tag: string | null;
  day: string;
  attempts: number;
  uses_extra: number;
}

interface PersonState {
  profile_id: string;
  contact_id: string;
  policy: PolicyVersion;
  opted_in_at: string | null;
  last_inbound_at: string | null;
  extra_used_at: string | null;
  blocked_at: string | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/**
 * A message sent again after a retryable answer that took the person's "+1" at an earlier
 * claim still holds it: Facebook never accepted that attempt, so the +1 is still its to use.
 */
function holdsExtra(
  m: Claimed,
  facts: { optedInAt: Date | null; lastInboundAt: Date | null },
  extraUsedAt: Date | null,
): boolean {
  if (m.uses_extra !== 1 || m.attempts <= 1 || extraUsedAt === null) return false;
  const opened = Math.max(facts.optedInAt?.getTime() ?? 0, facts.lastInboundAt?.getTime() ?? 0);
  return extraUsedAt.getTime() >= opened;
}

/**
 * A queued message may wait minutes or hours under pacing, so the 24-hour window, the 2018 "+1"
 * message and a block are checked again at the moment of sending, against the person's latest
 * events. A standard message outside the window becomes not sent; the "+1" is taken atomically
 * (one per person per window, whichever sender and batch asks first). Returns the messages to send.
 */
export async function checkWindowAtSend<M extends Claimed>(
  tx: Transaction,
  claimed: M[],
  now: Date,
): Promise<M[]> {
  const standard = claimed.filter((m) => m.tag === null);
  if (standard.length === 0) return claimed;
  const states = rowsOf<PersonState>(
    await tx.execute(sql`
      select ${mc.profileId} as profile_id, ${mc.contactId} as contact_id, ${p.policyVersion} as policy,
        ${mc.optedInAt} as opted_in_at, ${mc.lastInboundAt} as last_inbound_at,
        ${mc.extraUsedAt} as extra_used_at, ${mc.blockedAt} as blocked_at
      from ${tableAs(mc)} join ${tableAs(p)} on ${p.id} = ${mc.profileId}
      where (${mc.profileId}, ${mc.contactId}) in (
        select * from unnest(${pgArray(standard.map((m) => m.profile_id))}::uuid[],
          ${pgArray(standard.map((m) => m.contact_id))}::uuid[]))`),
  );
  const stateOf = new Map(states.map((s) => [`${s.profile_id}:${s.contact_id}`, s]));
  const refused = new Map<string, string>();
  const extras: { id: string; profile_id: string; contact_id: string; opened: string }[] = [];
  const extraTaken = new Set<string>();
  for (const m of standard) {
    const key = `${m.profile_id}:${m.contact_id}`;
    const state = stateOf.get(key);
    if (!state) {
      refused.set(m.id, WARNING_REASONS.notOptedIn);
      continue;
    }
    const facts = {
      optedInAt: date(state.opted_in_at),
      lastInboundAt: date(state.last_inbound_at),
      blockedAt: date(state.blocked_at),
    };
    if (isBlocked(facts)) {
      refused.set(m.id, WARNING_REASONS.blocked);
      continue;
    }
    if (holdsExtra(m, facts, date(state.extra_used_at))) continue;
    const window = decideSendWindow({
      policy: state.policy,
      tagCategory: "standard",
      optedInAt: facts.optedInAt,
      lastInboundAt: facts.lastInboundAt,
      extraUsedAt: extraTaken.has(key) ? now : date(state.extra_used_at),
      now,
    });
    if (!window.allowed) refused.set(m.id, window.reason);
    else if (window.usesExtra) {
      extraTaken.add(key);
      const opened = Math.max(facts.optedInAt?.getTime() ?? 0, facts.lastInboundAt?.getTime() ?? 0);
      extras.push({ ...m, opened: new Date(opened).toISOString() });
    }
  }
  if (extras.length > 0) {
    // Taken only if no other sender took it since it was read: the update is the arbiter.
    const taken = new Set(
      rowsOf<{ id: string }>(
        await tx.execute(sql`
          with x as (
            select * from unnest(${pgArray(extras.map((e) => e.id))}::uuid[],
              ${pgArray(extras.map((e) => e.profile_id))}::uuid[], ${pgArray(extras.map((e) => e.contact_id))}::uuid[],
              ${pgArray(extras.map((e) => e.opened))}::timestamptz[]) as x(id, profile_id, contact_id, opened)
          ), took as (
            update ${tableAs(mc)} set ${named(mc.extraUsedAt)} = ${now.toISOString()}::timestamptz
            from x where ${mc.profileId} = x.profile_id and ${mc.contactId} = x.contact_id
              and (${mc.extraUsedAt} is null or ${mc.extraUsedAt} < x.opened)
            returning ${mc.profileId} as profile_id, ${mc.contactId} as contact_id
          )
          update ${tableAs(m)} set ${named(m.usesExtra)} = 1
          from x join took on took.profile_id = x.profile_id and took.contact_id = x.contact_id
          where ${m.id} = x.id
          returning ${m.id} as id`),
      ).map((r) => r.id),
    );
    for (const e of extras) {
      if (!taken.has(e.id)) refused.set(e.id, WARNING_REASONS.outsideWindow);
    }
  }
  if (refused.size === 0) return claimed;
  const ids = [...refused.keys()];
  const moved = rowsOf<{ profile_id: string; day: string; to_reason: string }>(
    await tx.execute(sql`
      update ${tableAs(m)} set ${named(m.status)} = ${movedTo("in_flight", "refused")},
        ${named(m.reason)} = r.reason, ${named(m.usesExtra)} = 0, ${named(m.leaseUntil)} = null,
        ${named(m.attempts)} = ${m.attempts} - 1
      from unnest(${pgArray(ids)}::uuid[], ${pgArray(ids.map((id) => refused.get(id)!))}::text[])
        as r(id, reason)
      where ${m.id} = r.id and ${movedBy("refused", m.status, ["in_flight"])}
      returning ${m.profileId} as profile_id, ${m.day}::text as day, r.reason as to_reason`),
  );
  await countMoves(
    tx,
    moved.map((m) => ({ ...m, from: "in_flight", to: "not_sent" })),
  );
  return claimed.filter((m) => !refused.has(m.id));
}
