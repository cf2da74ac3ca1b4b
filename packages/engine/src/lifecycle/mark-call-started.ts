import { type Database, named, rowsOf, tableAs } from "@waymark/db";
import { sql } from "drizzle-orm";
import { pgArray } from "../pg-array";
import type { ClaimedMessage } from "../sender-types";
import { movedBy } from "./status-sql";
import { message as m } from "./tables";

/**
 * Records, committed, that Facebook is about to get these messages. After a crash, a claimed
 * message without this mark never reached Facebook and is queued again; one with it may have.
 */
export async function markCallStarted(
  db: Database,
  chunk: ClaimedMessage[],
  at: string,
): Promise<ClaimedMessage[]> {
  const marked = rowsOf<{ id: string }>(
    await db.execute(sql`
      update ${tableAs(m)} set ${named(m.callStartedAt)} = ${at}::timestamptz
      from unnest(${pgArray(chunk.map((c) => c.id))}::uuid[], ${pgArray(chunk.map((c) => c.lease_until))}::timestamptz[])
        as c(id, lease_until)
      where ${m.id} = c.id and ${movedBy("answered_ok", m.status)} and ${m.leaseUntil} = c.lease_until
      returning ${m.id} as id`),
  );
  const ids = new Set(marked.map((r) => r.id));
  return chunk.filter((m) => ids.has(m.id));
}
