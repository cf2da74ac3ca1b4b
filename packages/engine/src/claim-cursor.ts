/** A position in the due index: the (due_at, id) of a claimed enrolment; due_at as PostgreSQL text. */
export interface DuePosition {
  dueAt: string;
  id: number | string;
}

/**
 * Where a process's next engine claim may start in the due index (`enrolments_due_idx`), shared
 * by its engine loops. A backlog's finished enrolments stay in that index as dead entries until
 * VACUUM, and the batches in flight hold theirs locked: a claim from the start of the index
 * steps over all of them, more with every batch. Starting after the last full batch claimed
 * skips both.
 *
 * Only a hint: whatever lies before the position is still found by a claim from the start,
 * which happens whenever a claim comes back short (the backlog is drained), and at least every
 * `fullScanEveryMs` — so a batch rolled back, a program re-activated or a row enrolled with an
 * older due time waits at most that long behind a backlog, and is never skipped for good.
 */
export class ClaimCursor {
  #after: DuePosition | null = null;
  #fullScanBy = 0;
  #accounts: string[] = [];

  constructor(
    private readonly fullScanEveryMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The position the next claim starts after, or null to claim from the start. */
  start(): DuePosition | null {
    if (this.clock() >= this.#fullScanBy) this.#after = null;
    return this.#after;
  }

  /** Records a claim that started at `from` and took `count` rows of `limit`, the last at `last`. */
  claimed(from: DuePosition | null, count: number, limit: number, last: DuePosition | undefined) {
    if (from === null) this.#fullScanBy = this.clock() + this.fullScanEveryMs;
    // A short batch means the due rows ran out: the next claim looks from the start again.
    this.#after = count < limit || !last ? null : last;
  }

  /**
   * The accounts the last claim met: the next batch loads their context alongside its claim, in
   * the same round trip, as the next claim most likely meets the same ones.
   */
  recentAccounts(): string[] {
    return this.#accounts;
  }

  /** Records the accounts a claim met (none once the due rows run out, so idle polls stay one query). */
  metAccounts(accountIds: string[]) {
    this.#accounts = accountIds;
  }
}
