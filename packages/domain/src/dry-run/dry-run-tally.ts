import type { DryRunPath } from "./dry-run-contact";

/** Per node: contacts that would reach it, sends that would go out, sends that would not. */
export interface DryRunNodeCounts {
  reached: number;
  sent: number;
  skipped: number;
}

/**
 * A group of contacts a dry run lists: those a node would not send to for one reason
 * (`skipped`), or those a node would send to with a `@FIELD@` rendered empty (`blank_field`,
 * `reason` is the field name).
 */
export interface DryRunReason {
  /** Stable within one dry run: how its contact lists are stored and asked for. */
  id: number;
  nodeId: string;
  kind: "skipped" | "blank_field";
  reason: string;
  count: number;
}

/** What a finished (or partial) dry run found. */
export interface DryRunSummary {
  contacts: number;
  sends: number;
  skips: number;
  nodes: Record<string, DryRunNodeCounts>;
  reasons: DryRunReason[];
  outcomes: Record<string, number>;
}

/**
 * Adds up contacts' dry-run paths batch by batch; the contacts behind each reason are kept
 * until `drain` hands them over for storing, so memory stays one batch wide.
 */
export class DryRunTally {
  readonly #nodes = new Map<string, DryRunNodeCounts>();
  readonly #reasons = new Map<string, DryRunReason>();
  readonly #outcomes = new Map<string, number>();
  #pending = new Map<number, string[]>();
  #contacts = 0;
  #sends = 0;
  #skips = 0;

  /** Counts one contact's path and remembers it under each reason it meets. */
  add(contactId: string, path: DryRunPath): void {
    this.#contacts += 1;
    for (const step of path.steps) {
      const counts = this.#node(step.nodeId);
      counts.reached += 1;
      if (step.sent) {
        counts.sent += 1;
        this.#sends += 1;
        for (const field of step.blankFields) {
          this.#note(contactId, step.nodeId, "blank_field", field);
        }
      } else if (step.skipReason !== null) {
        counts.skipped += 1;
        this.#skips += 1;
        this.#note(contactId, step.nodeId, "skipped", step.skipReason);
      }
    }
    this.#outcomes.set(path.outcome, (this.#outcomes.get(path.outcome) ?? 0) + 1);
  }

  /** The contacts noted per reason id since the last drain (in the order they were added). */
  drain(): Map<number, string[]> {
    const taken = this.#pending;
    this.#pending = new Map();
    return taken;
  }

  summary(): DryRunSummary {
    return {
      contacts: this.#contacts,
      sends: this.#sends,
      skips: this.#skips,
      nodes: Object.fromEntries([...this.#nodes].map(([id, c]) => [id, { ...c }])),
      reasons: [...this.#reasons.values()].map((r) => ({ ...r })),
      outcomes: Object.fromEntries(this.#outcomes),
    };
  }

  #node(nodeId: string): DryRunNodeCounts {
    let counts = this.#nodes.get(nodeId);
    if (!counts) {
      counts = { reached: 0, sent: 0, skipped: 0 };
      this.#nodes.set(nodeId, counts);
    }
    return counts;
  }

  #note(contactId: string, nodeId: string, kind: DryRunReason["kind"], reason: string): void {
    const key = `${kind}\u0000${nodeId}\u0000${reason}`;
    let entry = this.#reasons.get(key);
    if (!entry) {
      entry = { id: this.#reasons.size + 1, nodeId, kind, reason, count: 0 };
      this.#reasons.set(key, entry);
    }
    entry.count += 1;
    let list = this.#pending.get(entry.id);
    if (!list) {
      list = [];
      this.#pending.set(entry.id, list);
    }
    list.push(contactId);
  }
}
