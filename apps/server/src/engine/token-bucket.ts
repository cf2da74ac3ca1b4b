/**
 * Paces sends to one page evenly at `ratePerSecond`: the bucket holds one token, so no burst
 * can push any one-second window past the rate. `take()` resolves when a token is available.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = 1;
    this.last = clock();
  }

  take(): Promise<void> {
    // Serialise waiters so tokens are handed out in order.
    this.queue = this.queue.then(() => this.next());
    return this.queue;
  }

  private async next(): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) =>
        setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)),
      );
    }
  }
}
