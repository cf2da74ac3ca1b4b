/** One webhook POST attempt (or a dropped event), as the admin API shows it. */
export interface WebhookLogEntry {
  id: number;
  at: string;
  outcome: "delivered" | "retrying" | "gave_up" | "dropped";
  attempt: number;
  status: number | null;
  error?: string;
  fields: string[];
  pageIds: string[];
  body: string;
}

const LIMIT = 300;

/** The most recent webhook attempts, newest last, bounded. */
export class WebhookLog {
  private entries: WebhookLogEntry[] = [];
  private nextId = 1;

  add(entry: Omit<WebhookLogEntry, "id" | "at">): void {
    this.entries.push({ id: this.nextId++, at: new Date().toISOString(), ...entry });
    if (this.entries.length > LIMIT) this.entries.splice(0, this.entries.length - LIMIT);
  }

  list(limit = 100): WebhookLogEntry[] {
    return this.entries.slice(-limit);
  }

  clear(): void {
    this.entries = [];
  }
}
