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
 * one second old, so no one-second window ever holds more than the rate. Sends that go out
 * together (a Graph batch) take one slot each and are granted at once, at the first of their
 * slots, under the same cap.
 */
export class SendPacer {
  private readonly interval: number;
  private readonly recent: number[];
  private oldest = 0;
  private nextSlot = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();
  /** The most sends one grant may cover: the cap's whole second. */
  readonly maxSends: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
    this.interval = 1000 / ratePerSecond;
    this.maxSends = Math.max(1, Math.floor(ratePerSecond));
    this.recent = new Array<number>(this.maxSends).fill(Number.NEGATIVE_INFINITY);
  }

  /** Resolves when the next `sends` (1 to `maxSends`) may go at once; granted in call order. */
  take(sends = 1): Promise<void> {
    if (!Number.isInteger(sends) || sends < 1 || sends > this.maxSends) {
      throw new RangeError(`sends must be an integer from 1 to ${this.maxSends}`);
    }
    this.chain = this.chain.then(() => this.grant(sends));
    return this.chain;
  }

  private async grant(sends: number): Promise<void> {
    const length = this.recent.length;
    for (;;) {
      const now = this.clock();
      // After idle time or a long stall, spacing starts afresh rather than bursting.
      const slot = this.nextSlot < now - CATCH_UP_MS ? now : this.nextSlot;
      // These sends push the `sends` oldest of the last `length` grants out: all a second old.
      const leaving = this.recent[(this.oldest + sends - 1) % length] ?? 0;
      const at = Math.max(slot, leaving + 1000);
      if (at <= now) {
        this.nextSlot = slot + sends * this.interval;
        for (let i = 0; i < sends; i++) {
          this.recent[this.oldest] = now;
          this.oldest = (this.oldest + 1) % length;
        }
        return;
      }
      await this.sleep(at - now);
    }
  }
}
