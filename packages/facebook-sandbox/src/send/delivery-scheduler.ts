import type { ThreadRecord } from "../state/records";

interface PendingDelivery {
  thread: ThreadRecord;
  mid: string;
  sentAt: number;
  due: number;
}

/** Receives one delivery per thread: the mids delivered together and the watermark. */
export type DeliverFn = (thread: ThreadRecord, mids: string[], watermark: number) => void;

/**
 * Marks accepted messages delivered `delayMs` after the send, grouping a thread's messages
 * that fall due together into one `message_deliveries` event.
 */
export class DeliveryScheduler {
  private queue: PendingDelivery[] = [];

  constructor(
    private readonly delayMs: number,
    private readonly deliver: DeliverFn,
  ) {}

  schedule(thread: ThreadRecord, mid: string, sentAt: number): void {
    this.queue.push({ thread, mid, sentAt, due: Date.now() + this.delayMs });
  }

  get size(): number {
    return this.queue.length;
  }

  /** Delivers everything that is due. */
  tick(): void {
    const now = Date.now();
    let count = 0;
    while (count < this.queue.length && (this.queue[count]?.due ?? Infinity) <= now) count++;
    if (count > 0) this.deliverAll(this.queue.splice(0, count));
  }

  /** Delivers a thread's pending messages at once (the person opened the conversation). */
  deliverNow(psid: string): void {
    const mine = this.queue.filter((d) => d.thread.psid === psid);
    if (mine.length === 0) return;
    this.queue = this.queue.filter((d) => d.thread.psid !== psid);
    this.deliverAll(mine);
  }

  private deliverAll(items: PendingDelivery[]): void {
    const groups = new Map<string, PendingDelivery[]>();
    for (const item of items) {
      const group = groups.get(item.thread.psid);
      if (group) group.push(item);
      else groups.set(item.thread.psid, [item]);
    }
    for (const group of groups.values()) {
      const thread = group[0]?.thread;
      if (!thread || thread.blockedAt) continue;
      const watermark = group.reduce((max, d) => Math.max(max, d.sentAt), 0);
      thread.deliveredWatermark = Math.max(thread.deliveredWatermark ?? 0, watermark);
      this.deliver(
        thread,
        group.map((d) => d.mid),
        watermark,
      );
    }
  }
}
