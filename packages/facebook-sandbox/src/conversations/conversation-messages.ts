import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import type { SandboxContext } from "../context";
import type { ThreadRecord } from "../state/records";

/** Who wrote a message: the Page (a Send API message) or the person. */
export type MessageSender = "page" | "person";

/** One message of a conversation, in its place in the newest-first order. */
export interface ThreadMessage {
  mid: string;
  sender: MessageSender;
  text: string | null;
  at: Date;
  /** Position key: newest first is (at, sender, seq) descending. */
  seq: number;
}

/** Where a listing continues: strictly older than this message in the newest-first order. */
export interface MessageCursor {
  atMs: number;
  sender: MessageSender;
  seq: number;
}

interface Row {
  mid: string;
  kind: number;
  text: string | null;
  seq: number | string;
  at: Date | string;
}

// At the same instant the Page's message sorts above the person's (kind 1 over 0).
const KIND: Record<MessageSender, number> = { page: 1, person: 0 };

function toMessage(row: Row): ThreadMessage {
  return {
    mid: row.mid,
    sender: Number(row.kind) === 1 ? "page" : "person",
    text: row.text,
    at: new Date(row.at),
    seq: Number(row.seq),
  };
}

const conversationRows = (thread: ThreadRecord) => sql`
  select mid, 1 as kind, text, seq, sent_at as at from fb_sandbox.sent_messages
    where person_id = ${thread.personId} and page_id = ${thread.pageId}
  union all
  select mid, 0 as kind, text, seq, sent_at as at from fb_sandbox.inbound_messages
    where person_id = ${thread.personId} and page_id = ${thread.pageId}`;

/** The thread's messages newest first, `limit` of them after `cursor` (Send API writes flushed first). */
export async function threadMessages(
  ctx: SandboxContext,
  thread: ThreadRecord,
  limit: number,
  cursor?: MessageCursor,
): Promise<ThreadMessage[]> {
  await ctx.sentLog.flush();
  const after = cursor
    ? sql`where (m.at, m.kind, m.seq) < (${new Date(cursor.atMs).toISOString()}::timestamptz, ${KIND[cursor.sender]}, ${cursor.seq})`
    : sql``;
  const result = await ctx.db.execute(sql`
    select m.mid, m.kind, m.text, m.seq, m.at from (${conversationRows(thread)}) m ${after}
    order by m.at desc, m.kind desc, m.seq desc limit ${limit}`);
  return rowsOf<Row>(result).map(toMessage);
}

/**
 * The thread of a message the Page sent or received. No index on `mid` (it would cost every
 * send); this scan serves a read limited to about 2 calls a second per Page.
 */
export async function threadOfMessage(
  ctx: SandboxContext,
  pageId: string,
  mid: string,
): Promise<ThreadRecord | undefined> {
  await ctx.sentLog.flush();
  const result = await ctx.db.execute(sql`
    select person_id from fb_sandbox.sent_messages where page_id = ${pageId} and mid = ${mid}
    union all
    select person_id from fb_sandbox.inbound_messages where page_id = ${pageId} and mid = ${mid}
    limit 1`);
  const personId = rowsOf<{ person_id: string }>(result)[0]?.person_id;
  return personId === undefined ? undefined : ctx.state.threadOf(personId, pageId);
}

export function encodeCursor(message: ThreadMessage): string {
  const key = `${message.at.getTime()}.${message.sender}.${message.seq}`;
  return Buffer.from(key).toString("base64url");
}

export function decodeCursor(cursor: string): MessageCursor | undefined {
  const match = /^(\d+)\.(page|person)\.(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) return undefined;
  return { atMs: Number(match[1]), sender: match[2] as MessageSender, seq: Number(match[3]) };
}
