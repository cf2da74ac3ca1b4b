import type { SandboxConfig, SandboxFetch, SandboxLogger } from "../options";
import { HeldWebhooks } from "./held-webhooks";
import type { QueuedEntry } from "./queued-entry";
import { serializeWebhookBody, signatureHeaders } from "./serialize-webhook";
import { WebhookLog } from "./webhook-log";

interface Post {
  body: string;
  fields: string[];
  pageIds: string[];
  attempt: number;
  nextAt: number;
}

/** Facebook batches up to 1,000 updates in one POST (MESSENGER.md §3.5). */
const MAX_ENTRIES_PER_POST = 1000;
const MAX_IN_FLIGHT = 8;
// Entries are gathered for a moment, so a busy Page's events share a POST: at thousands of
// sends a second, 50 ms fills POSTs of hundreds of entries (10 ms left them near 100, and the
// receiving app paid its per-request cost five times as often).
export const GATHER_MS = 50;

/**
 * Posts webhook entries to the app's callback: batched (several entries per POST when
 * several are waiting), signed, retried with exponential backoff on non-2xx or network
 * errors, up to a bounded number of attempts.
 */
export class WebhookDispatcher {
  readonly log = new WebhookLog();
  /** Events held back by faults; two gathering periods apart puts events in separate POSTs. */
  readonly held = new HeldWebhooks((entry) => this.enqueue(entry), 2 * GATHER_MS);
  private ready: QueuedEntry[] = [];
  private delayed: QueuedEntry[] = [];
  private retries: Post[] = [];
  private inFlight = 0;
  private pumpScheduled = false;
  private stopped = false;

  constructor(
    private readonly config: SandboxConfig,
    private readonly fetchFn: SandboxFetch,
    private readonly logger: SandboxLogger,
  ) {}

  enqueue(entry: QueuedEntry): void {
    if (entry.readyAt > Date.now()) this.delayed.push(entry);
    else this.ready.push(entry);
    this.schedulePump();
  }

  /** Moves due delayed entries and retries forward; called by the sandbox's ticker. */
  tick(): void {
    this.held.tick();
    const now = Date.now();
    if (this.delayed.length > 0) {
      const due = this.delayed.filter((e) => e.readyAt <= now);
      if (due.length > 0) {
        this.delayed = this.delayed.filter((e) => e.readyAt > now);
        this.ready.push(...due.sort((a, b) => a.readyAt - b.readyAt));
      }
    }
    this.schedulePump();
  }

  /** Nothing waiting, retrying or in flight (events held until released don't count). */
  get idle(): boolean {
    return (
      this.held.timedCount === 0 &&
      this.ready.length === 0 &&
      this.delayed.length === 0 &&
      this.retries.length === 0 &&
      this.inFlight === 0
    );
  }

  stop(): void {
    this.stopped = true;
  }

  /** Forgets everything queued, and drops held events (admin reset). */
  clear(): void {
    this.held.clear();
    this.ready = [];
    this.delayed = [];
    this.retries = [];
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    setTimeout(() => {
      this.pumpScheduled = false;
      this.pump();
    }, GATHER_MS);
  }

  private pump(): void {
    const now = Date.now();
    while (this.inFlight < MAX_IN_FLIGHT && !this.stopped) {
      const retryIndex = this.retries.findIndex((p) => p.nextAt <= now);
      if (retryIndex >= 0) {
        const [post] = this.retries.splice(retryIndex, 1);
        if (post) void this.send(post);
        continue;
      }
      if (this.ready.length === 0) return;
      const entries = this.ready.splice(0, MAX_ENTRIES_PER_POST);
      const payload = {
        object: "page",
        entry: entries.map((e) => ({ id: e.pageId, time: e.time, messaging: [e.event] })),
      };
      void this.send({
        body: serializeWebhookBody(payload),
        fields: [...new Set(entries.map((e) => e.field))],
        pageIds: [...new Set(entries.map((e) => e.pageId))],
        attempt: 1,
        nextAt: now,
      });
    }
  }

  private async send(post: Post): Promise<void> {
    this.inFlight++;
    let status: number | null = null;
    let error: string | undefined;
    try {
      const response = await this.fetchFn(this.config.webhookUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "facebookexternalua",
          ...signatureHeaders(this.config.appSecret, post.body),
        },
        body: post.body,
        signal: AbortSignal.timeout(this.config.webhookRetry.timeoutMs),
      });
      status = response.status;
      await response.text().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      this.inFlight--;
    }
    this.settle(post, status, error);
    this.schedulePump();
  }

  private settle(post: Post, status: number | null, error: string | undefined): void {
    const { fields, pageIds, body, attempt } = post;
    const base = { attempt, status, fields, pageIds, body, ...(error ? { error } : {}) };
    if (status !== null && status >= 200 && status < 300) {
      this.log.add({ ...base, outcome: "delivered" });
      return;
    }
    const retry = this.config.webhookRetry;
    if (attempt >= retry.maxAttempts || this.stopped) {
      this.log.add({ ...base, outcome: "gave_up" });
      this.logger.warn("fb-sandbox: webhook given up", { attempt, status, error });
      return;
    }
    this.log.add({ ...base, outcome: "retrying" });
    const delay = Math.min(retry.baseDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
    this.retries.push({ ...post, attempt: attempt + 1, nextAt: Date.now() + delay });
  }
}
