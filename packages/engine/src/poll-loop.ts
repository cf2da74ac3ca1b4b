/**
 * Runs `work` repeatedly: again at once (or after `busyDelayMs`) while it finds work, after
 * `idleDelayMs` when it found none; `nudge()` cuts an idle sleep short. Errors are logged and
 * retried after the idle delay, so a loop never dies.
 */
export class PollLoop {
  private running = false;
  private wake: (() => void) | undefined;
  private done: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly work: () => Promise<number>,
    private readonly delays: { busyDelayMs: number; idleDelayMs: number },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  nudge(): void {
    this.wake?.();
  }

  /** Stops claiming new work and waits for the batch in hand. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.delays.idleDelayMs;
      try {
        const handled = await this.work();
        if (handled > 0) delay = this.delays.busyDelayMs;
      } catch (error) {
        console.error(`${this.name}: batch failed, retrying`, error);
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
