import { isDatabaseUnavailable } from "@waymark/db";
import type { InboxRow } from "./receive-webhook";

interface PendingWrite {
  rows: InboxRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface InboxWriterOptions {
  /** Statements at once: 1 on PGlite (it runs one at a time anyway), a few on PostgreSQL. */
  maxInFlight: number;
  /** Rows per statement at most; one POST larger than that goes alone. */
  maxRows?: number;
  /**
   * How long a statement waits for more POSTs before it starts (default 0). PGlite runs in this
   * process's thread and blocks it while a statement runs, so the POSTs that arrived meanwhile
   * are read only after it: without a moment's wait each would get a statement of its own.
   */
  gatherMs?: number;
  /** New events were stored: wake the inbox processor. */
  onStored?: () => void;
}

/**
 * Group commit for the webhook inbox: a POST that arrives while the inbox statements in flight
 * run waits for the next statement, which takes every POST waiting by then. An idle writer
 * writes at once (no timer), so a lone POST is not delayed; under load many POSTs share one
 * statement and commit, instead of queueing one statement each behind the others.
 */
export class InboxWriter {
  private readonly waiting: PendingWrite[] = [];
  private inFlight = 0;
  private gathering: NodeJS.Timeout | undefined;
  private readonly maxRows: number;

  constructor(
    private readonly store: (rows: InboxRow[]) => Promise<{ stored: number }>,
    private readonly options: InboxWriterOptions,
  ) {
    this.maxRows = options.maxRows ?? 5_000;
  }

  /** Resolves once `rows` are committed (duplicates of stored events are no-ops). */
  write(rows: InboxRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (!this.options.gatherMs) {
      this.drain();
      return;
    }
    if (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      this.gathering ??= setTimeout(() => {
        this.gathering = undefined;
        this.drain();
      }, this.options.gatherMs);
    }
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The waiting POSTs, oldest first, up to `maxRows` rows (at least one POST). */
  private take(): PendingWrite[] {
    const batch = this.waiting.splice(0, 1);
    let rows = batch[0]!.rows.length;
    while (this.waiting.length > 0 && rows + this.waiting[0]!.rows.length <= this.maxRows) {
      const next = this.waiting.shift()!;
      rows += next.rows.length;
      batch.push(next);
    }
    return batch;
  }

  private async flush(batch: PendingWrite[]): Promise<void> {
    try {
      await this.commit(batch.flatMap((w) => w.rows));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      // The database refused something in one POST (text it cannot store, say): each alone,
      // so only that POST fails and Facebook redelivers only it.
      for (const w of batch) {
        await this.commit(w.rows).then(w.resolve, w.reject);
      }
    }
  }

  private async commit(rows: InboxRow[]): Promise<void> {
    const { stored } = await this.store(rows);
    if (stored > 0) this.options.onStored?.();
  }
}
