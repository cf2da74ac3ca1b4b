import type { Database } from "@waymark/db";
import { sql } from "drizzle-orm";
import type { SandboxLogger } from "../options";

/** One accepted send, as written to `fb_sandbox.sent_messages`. */
export interface SentRow {
  mid: string;
  pageId: string;
  personId: string;
  psid: string | null;
  userRef: string | null;
  messagingType: string | null;
  tag: string | null;
  text: string | null;
  attachment: unknown;
  metadata: string | null;
  sentAt: Date;
}

const CHUNK = 1000;
const MAX_BUFFER = 200_000;

/**
 * Accepted sends are written in batches, off the request path: `push` is synchronous and
 * `flush` (every ~100 ms, and before anything reads the table) writes what is pending.
 */
export class SentMessageLog {
  private pending: SentRow[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly db: Database,
    private readonly log: SandboxLogger,
  ) {}

  push(row: SentRow): void {
    this.pending.push(row);
  }

  get size(): number {
    return this.pending.length;
  }

  /** The periodic flush: skipped while a write is still running. */
  flushIfIdle(): void {
    if (this.busy || this.pending.length === 0) return;
    void this.flush();
  }

  /** Writes everything pushed so far; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    this.busy = true;
    try {
      await this.writeBatches();
    } finally {
      this.busy = false;
    }
  }

  private async writeBatches(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, CHUNK);
      try {
        await this.db.execute(insertBatch(batch));
      } catch (error) {
        this.pending.unshift(...batch);
        if (this.pending.length > MAX_BUFFER)
          this.pending.splice(0, this.pending.length - MAX_BUFFER);
        this.log.error("fb-sandbox: writing sent messages failed", { error: String(error) });
        return;
      }
    }
  }
}

// One JSON parameter per batch: far cheaper than binding eleven parameters per row.
function insertBatch(rows: SentRow[]) {
  const json = JSON.stringify(
    rows.map((r) => ({
      mid: r.mid,
      page_id: r.pageId,
      person_id: r.personId,
      psid: r.psid,
      user_ref: r.userRef,
      messaging_type: r.messagingType,
      tag: r.tag,
      text: r.text,
      attachment: r.attachment ?? null,
      metadata: r.metadata,
      sent_at: r.sentAt.toISOString(),
    })),
  );
  return sql`insert into fb_sandbox.sent_messages
    (mid, page_id, person_id, psid, user_ref, messaging_type, tag, text, attachment, metadata, sent_at)
    select mid, page_id, person_id, psid, user_ref, messaging_type, tag, text, attachment, metadata, sent_at
    from rows from (jsonb_to_recordset(${json}::jsonb) as (mid text, page_id text, person_id text,
      psid text, user_ref text, messaging_type text, tag text, text text, attachment jsonb,
      metadata text, sent_at timestamptz)) with ordinality as r(mid, page_id, person_id, psid,
      user_ref, messaging_type, tag, text, attachment, metadata, sent_at, n)
    order by n`;
}
