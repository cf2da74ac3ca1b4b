import { type Database, unnestRows } from "@waymark/db";
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

// One array parameter per column: far cheaper than binding eleven parameters per row.
function insertBatch(rows: SentRow[]) {
  return sql`insert into fb_sandbox.sent_messages
    (mid, page_id, person_id, psid, user_ref, messaging_type, tag, text, attachment, metadata, sent_at)
    select mid, page_id, person_id, psid, user_ref, messaging_type, tag, text, attachment, metadata, sent_at
    from ${unnestRows(rows, "r", {
      mid: ["text", (r) => r.mid],
      page_id: ["text", (r) => r.pageId],
      person_id: ["text", (r) => r.personId],
      psid: ["text", (r) => r.psid],
      user_ref: ["text", (r) => r.userRef],
      messaging_type: ["text", (r) => r.messagingType],
      tag: ["text", (r) => r.tag],
      text: ["text", (r) => r.text],
      attachment: ["jsonb", (r) => (r.attachment == null ? null : JSON.stringify(r.attachment))],
      metadata: ["text", (r) => r.metadata],
      sent_at: ["timestamptz", (r) => r.sentAt.toISOString()],
      n: ["int", (_, i) => i],
    })}
    order by n`;
}
