import type { ReleaseFilter } from "../faults/fault-config";
import type { WebhookHold } from "../faults/fault-injector";
import type { QueuedEntry } from "./queued-entry";

type HeldEvent = Omit<QueuedEntry, "readyAt">;

interface HeldEntry {
  event: HeldEvent;
  /** Added to the release time: the event's own injected delay or duplicate spacing. */
  offsetMs: number;
  heldAt: number;
  /** Epoch ms of the automatic release; `null` waits for the admin's release. */
  releaseAt: number | null;
  /** Reordered events: their thread and their place in it (lowest rank goes first). */
  reorder?: { thread: string; rank: number };
}

/** A held webhook event, as the admin API shows it. */
export interface HeldWebhookView {
  field: string;
  pageId: string;
  event: unknown;
  heldAt: string;
  releaseAt: string | null;
}

/**
 * Webhook events held back by the `holdEchoes`, `holdReceipts` and `reorderReceipts` faults,
 * released in time, by the admin, or dropped by a reset.
 */
export class HeldWebhooks {
  private entries: HeldEntry[] = [];
  private windowEnd = 0;
  private sequence = 0;

  /**
   * @param enqueue hands a released event to the dispatcher.
   * @param separateMs spacing that puts two events in different POSTs.
   */
  constructor(
    private readonly enqueue: (entry: QueuedEntry) => void,
    private readonly separateMs: number,
  ) {}

  hold(event: HeldEvent, offsetMs: number, hold: WebhookHold, thread: string): void {
    const now = Date.now();
    this.sequence++;
    if (hold.kind === "hold") {
      const releaseAt = hold.ms === null ? null : now + hold.ms;
      this.entries.push({ event, offsetMs, heldAt: now, releaseAt });
      return;
    }
    // Events share the window opened by the first of them, so they are reordered together.
    if (this.windowEnd <= now) this.windowEnd = now + hold.windowMs;
    const rank = hold.rank ?? -this.sequence;
    this.entries.push({
      event,
      offsetMs,
      heldAt: now,
      releaseAt: this.windowEnd,
      reorder: { thread, rank },
    });
  }

  /** Releases what is due; called by the dispatcher's ticker. */
  tick(): void {
    const now = Date.now();
    if (!this.entries.some((e) => e.releaseAt !== null && e.releaseAt <= now)) return;
    this.releaseWhere((e) => e.releaseAt !== null && e.releaseAt <= now);
  }

  /** The admin's release: every held event matching the filter, at once. */
  release(filter: ReleaseFilter = {}): number {
    const fields: ReadonlySet<string> | null = filter.fields?.length
      ? new Set(filter.fields)
      : null;
    return this.releaseWhere(
      (e) =>
        (fields === null || fields.has(e.event.field)) &&
        (filter.pageId === undefined || filter.pageId === e.event.pageId),
    );
  }

  /** Events that will be released automatically (the admin's `settle` waits for them). */
  get timedCount(): number {
    return this.entries.filter((e) => e.releaseAt !== null).length;
  }

  list(): HeldWebhookView[] {
    return this.entries.map((e) => ({
      field: e.event.field,
      pageId: e.event.pageId,
      event: e.event.event,
      heldAt: new Date(e.heldAt).toISOString(),
      releaseAt: e.releaseAt === null ? null : new Date(e.releaseAt).toISOString(),
    }));
  }

  /** Drops every held event (admin reset); returns how many. */
  clear(): number {
    const count = this.entries.length;
    this.entries = [];
    this.windowEnd = 0;
    return count;
  }

  private releaseWhere(match: (entry: HeldEntry) => boolean): number {
    const released: HeldEntry[] = [];
    const kept: HeldEntry[] = [];
    for (const entry of this.entries) (match(entry) ? released : kept).push(entry);
    if (released.length === 0) return 0;
    this.entries = kept;
    const now = Date.now();
    const threads = new Map<string, HeldEntry[]>();
    for (const entry of released) {
      if (!entry.reorder) {
        this.enqueue({ ...entry.event, readyAt: now + entry.offsetMs });
        continue;
      }
      const group = threads.get(entry.reorder.thread);
      if (group) group.push(entry);
      else threads.set(entry.reorder.thread, [entry]);
    }
    // A thread's reordered events each go in a POST of their own, one after the other.
    for (const group of threads.values()) {
      group.sort((a, b) => (a.reorder?.rank ?? 0) - (b.reorder?.rank ?? 0));
      group.forEach((entry, index) => {
        const readyAt = now + entry.offsetMs + index * this.separateMs;
        this.enqueue({ ...entry.event, readyAt });
      });
    }
    return released.length;
  }
}
