/**
 * How far behind the clock even spacing may fall and still be made up for: late timers, and
 * the pause while the sender records one batch and claims the next. Making up is a short
 * burst that the one-second cap still bounds.
 */
const CATCH_UP_MS = 1000;

/**
 * Paces one page's sends at `ratePerSecond`: evenly spaced slots, where a timer that fires
 * late is made up for (so the achieved rate is the configured one, not what 4 ms timers allow),
 * and a hard cap: a send is granted only when the send `ratePerSecond` grants ago is at least
 * one second old, so no one-second window ever holds more than the rate.
 */
export class SendPacer {
  private readonly interval: number;
  private readonly recent: number[];
  private oldest = 0;
  private nextSlot = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
    this.interval = 1000 / ratePerSecond;
    this.recent = new Array<number>(Math.max(1, Math.floor(ratePerSecond))).fill(
      Number.NEGATIVE_INFINITY,
    );
  }

  /** Resolves when this send may go; grants are handed out in call order. */
  take(): Promise<void> {
    this.chain = this.chain.then(() => this.grant());
    return this.chain;
  }

  private async grant(): Promise<void> {
    for (;;) {
      const now = this.clock();
      // After idle time or a long stall, spacing starts afresh rather than bursting.
      const slot = this.nextSlot < now - CATCH_UP_MS ? now : this.nextSlot;
      const at = Math.max(slot, (this.recent[this.oldest] ?? 0) + 1000);
      if (at <= now) {
        this.nextSlot = slot + this.interval;
        this.recent[this.oldest] = now;
        this.oldest = (this.oldest + 1) % this.recent.length;
        return;
      }
      await this.sleep(at - now);
    }
  }
}
