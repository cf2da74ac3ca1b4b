import { claimDueMessages } from "./lifecycle/claim-due-messages";
import { recordResults } from "./lifecycle/record-results";
import { pausedProfiles, sendClaimed } from "./run-sender-batch";
import type { SenderDeps } from "./sender-types";

/**
 * The engine's sender turns, each claiming and sending while the turn before it is recorded:
 * PostgreSQL writes one turn's outcomes while this process and Facebook work on the next
 * (recording before claiming again left each side idle while the other worked).
 * - A person's messages stay in order: a turn sends only after every call of the one before
 *   it was answered.
 * - At most one turn is being recorded; records commit in turn order.
 * - A profile whose token the last turn saw refused is not called: this turn claimed before
 *   that was recorded, so its messages go back to the queue with the same reason.
 */
export class SenderPipeline {
  private recording: Promise<void> = Promise.resolve();
  private pausedLastTurn: ReturnType<typeof pausedProfiles> = new Map();

  /**
   * Claims and sends one turn and starts recording it, after the previous turn's record has
   * committed (its failure is thrown here; this turn is still recorded). Returns the number
   * of messages claimed.
   */
  async turn(deps: SenderDeps, limit = 2_000): Promise<number> {
    const claimed = await claimDueMessages(deps, limit);
    if (claimed.length === 0) {
      this.pausedLastTurn = new Map();
      await this.flush();
      return 0;
    }
    const results = await sendClaimed(deps, claimed, this.pausedLastTurn);
    this.pausedLastTurn = pausedProfiles(claimed, results);
    const previous = this.recording;
    this.recording = previous.catch(() => {}).then(() => recordResults(deps, claimed, results));
    // A failure is thrown by the next turn or flush, never left as an unhandled rejection.
    this.recording.catch(() => {});
    await previous;
    return claimed.length;
  }

  /** Waits until the last turn is recorded; throws (once) if recording it failed. */
  flush(): Promise<void> {
    const recording = this.recording;
    this.recording = Promise.resolve();
    return recording;
  }
}
