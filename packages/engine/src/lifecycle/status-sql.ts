import {
  MESSAGE_STATUSES,
  type MessageEvent,
  type MessageStatus,
  nextMessageStatus,
  statusesMovedBy,
} from "@waymark/domain";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

// Statuses come from the domain's transition table, checked when this module loads (a wrong one
// fails every test), and are inlined as literals so PostgreSQL still matches the partial indexes
// on status (a bound parameter hides the value from a generic plan).

/** A status as an SQL literal, after checking it is one. */
function literal(status: MessageStatus): SQL {
  if (!MESSAGE_STATUSES.includes(status)) throw new Error(`not a message status: ${status}`);
  return sql.raw(`'${status}'`);
}

/**
 * `column in (…)`: the statuses `event` moves a message from, or those of `only` (which must
 * all be moved by it) when a statement handles part of the event.
 */
export function movedBy(
  event: MessageEvent,
  column: SQLWrapper,
  only?: readonly MessageStatus[],
): SQL {
  const allowed = statusesMovedBy(event);
  const from = only ?? allowed;
  const stray = from.filter((s) => !allowed.includes(s));
  if (stray.length > 0 || from.length === 0) {
    throw new Error(`${event} does not move a message from ${stray.join(", ") || "nothing"}`);
  }
  return sql`${column} in (${sql.join(from.map(literal), sql`, `)})`;
}

/** Where `event` takes a message in `from`, as an SQL literal. */
export function movedTo(from: MessageStatus, event: MessageEvent, echoed = false): SQL {
  const to = nextMessageStatus(from, event, echoed);
  if (to === null) throw new Error(`${event} does not move a message from ${from}`);
  return literal(to);
}

/** A status a message is written in first (queued, or not sent at once with its reason). */
export function firstStatus(status: "queued" | "not_sent"): SQL {
  return literal(status);
}

/** The account's local date of `at`, given its IANA time zone: the day an event counts on. */
export function localDaySql(at: SQLWrapper, timeZone: SQLWrapper): SQL {
  return sql`(${at} at time zone ${timeZone})::date`;
}
