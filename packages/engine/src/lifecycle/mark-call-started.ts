import { type Database, rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { pgArray } from "../pg-array";
import type { ClaimedMessage } from "../sender-types";
import { movedBy } from "./status-sql";

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
      update messenger_messages m set call_started_at = ${at}::timestamptz
      from unnest(${pgArray(chunk.map((c) => c.id))}::uuid[], ${pgArray(chunk.map((c) => c.lease_until))}::timestamptz[])
        as c(id, lease_until)
      where m.id = c.id and ${movedBy("answered_ok", sql`m.status`)} and m.lease_until = c.lease_until
      returning m.id`),
  );
  const ids = new Set(marked.map((r) => r.id));
  return chunk.filter((m) => ids.has(m.id));
}
