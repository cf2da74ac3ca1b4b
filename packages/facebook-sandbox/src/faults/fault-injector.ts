import { GraphError } from "../graph/graph-error";
import {
  type ErrorFault,
  emptyFaults,
  type FaultConfig,
  type FaultConfigInput,
  faultConfigSchema,
  INJECTED_ERRORS,
  TRANSIENT_CODES,
} from "./fault-config";

/** How one webhook event should be (mis)handled. */
export interface WebhookPlan {
  drop: boolean;
  copies: number;
  delayMs: number;
}

const ON_TIME: WebhookPlan = Object.freeze({ drop: false, copies: 1, delayMs: 0 });

/**
 * How one webhook event is held back: for `ms` or until released (`ms` null), or gathered
 * into the reorder window, where events go out by `rank` (`null`: newest first).
 */
export type WebhookHold =
  | { kind: "hold"; ms: number | null }
  | { kind: "reorder"; windowMs: number; rank: number | null };

/** What happens to the answer of an accepted Send API call (or batch). */
export interface AnswerFate {
  delayMs: number;
  lost: boolean;
}

const RECEIPT_FIELDS: ReadonlySet<string> = new Set(["message_deliveries", "message_reads"]);
const REORDERED_FIELDS: ReadonlySet<string> = new Set(["message_echoes", ...RECEIPT_FIELDS]);

const appliesTo = (fault: { pageId?: string }, pageId: string) =>
  fault.pageId === undefined || fault.pageId === pageId;

/** Holds the fault settings and decides, per request or event, what goes wrong. */
export class FaultInjector {
  private config: FaultConfig = emptyFaults();
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly random: () => number) {}

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Replaces the given keys of the settings. */
  set(input: FaultConfigInput): FaultConfig {
    const parsed = faultConfigSchema.parse(input);
    const next = { ...this.config };
    if (parsed.errors !== undefined) next.errors = parsed.errors;
    if (parsed.burst !== undefined) next.burst = parsed.burst;
    if (parsed.latencyMs !== undefined) next.latencyMs = parsed.latencyMs;
    if (parsed.rateCapPerSecond !== undefined) next.rateCapPerSecond = parsed.rateCapPerSecond;
    if (parsed.webhooks !== undefined) next.webhooks = parsed.webhooks;
    if (parsed.holdEchoes !== undefined) next.holdEchoes = parsed.holdEchoes;
    if (parsed.holdReceipts !== undefined) next.holdReceipts = parsed.holdReceipts;
    if (parsed.reorderReceipts !== undefined) next.reorderReceipts = parsed.reorderReceipts;
    if (parsed.answerDelayMs !== undefined) next.answerDelayMs = parsed.answerDelayMs;
    if (parsed.dropAnswerAfterAccept !== undefined) {
      next.dropAnswerAfterAccept = parsed.dropAnswerAfterAccept;
    }
    if (parsed.conversations !== undefined) next.conversations = parsed.conversations;
    if (parsed.userProfile !== undefined) next.userProfile = parsed.userProfile;
    this.config = next;
    return this.get();
  }

  reset(): void {
    this.config = emptyFaults();
    this.windows.clear();
  }

  /** Added latency and 5xx bursts, for every Graph call (synchronous when there are none). */
  beforeGraph(): GraphError | undefined | Promise<GraphError | undefined> {
    const latency = this.config.latencyMs;
    if (latency > 0) {
      return new Promise((resolve) => setTimeout(() => resolve(this.burstError()), latency));
    }
    return this.burstError();
  }

  private burstError(): GraphError | undefined {
    const burst = this.config.burst;
    if (!burst) return undefined;
    burst.count--;
    if (burst.count <= 0) this.config.burst = null;
    const fields = { message: "Service temporarily unavailable", code: 2, is_transient: true };
    return new GraphError({ ...fields, type: "OAuthException" }, burst.status);
  }

  /** The per-Page rate cap (code 613), then injected errors, for one Send API call. */
  onSend(pageId: string, nowMs: number): GraphError | undefined {
    const cap = this.config.rateCapPerSecond;
    if (cap !== null) {
      const second = Math.floor(nowMs / 1000);
      const window = this.windows.get(pageId);
      if (window && window.second === second) window.count++;
      else this.windows.set(pageId, { second, count: 1 });
      if ((this.windows.get(pageId)?.count ?? 0) > cap) return injected(613);
    }
    return this.pickError(this.config.errors, pageId);
  }

  /** The first of `errors` that applies to the Page and fires (its `rate`, its `count`). */
  private pickError(errors: ErrorFault[], pageId: string): GraphError | undefined {
    for (const fault of errors) {
      if (fault.pageId !== undefined && fault.pageId !== pageId) continue;
      if (fault.count !== undefined && fault.count <= 0) continue;
      if (this.random() >= (fault.rate ?? 1)) continue;
      if (fault.count !== undefined) fault.count--;
      return injected(fault.code, fault);
    }
    return undefined;
  }

  /** Added latency for a conversation read of this Page (`conversations.latencyMs`). */
  conversationsLatencyMs(pageId: string): number {
    const fault = this.config.conversations;
    return fault && appliesTo(fault, pageId) ? (fault.latencyMs ?? 0) : 0;
  }

  /** An injected error for a conversation read of this Page (`conversations.errors`). */
  onConversationRead(pageId: string): GraphError | undefined {
    const fault = this.config.conversations;
    if (!fault || !appliesTo(fault, pageId)) return undefined;
    return this.pickError(fault.errors ?? [], pageId);
  }

  /** Added latency for a User Profile API read of this Page (`userProfile.latencyMs`). */
  userProfileLatencyMs(pageId: string): number {
    const fault = this.config.userProfile;
    return fault && appliesTo(fault, pageId) ? (fault.latencyMs ?? 0) : 0;
  }

  /** An injected error for a User Profile API read of this Page (`userProfile.errors`). */
  onUserProfileRead(pageId: string): GraphError | undefined {
    const fault = this.config.userProfile;
    if (!fault || !appliesTo(fault, pageId)) return undefined;
    return this.pickError(fault.errors ?? [], pageId);
  }

  /** `X-Page-Usage` as a percentage of the rate cap, when one is set. */
  pageUsage(pageId: string): string | undefined {
    const cap = this.config.rateCapPerSecond;
    if (cap === null) return undefined;
    const count = this.windows.get(pageId)?.count ?? 0;
    const percent = Math.min(100, Math.round((count / cap) * 100));
    return JSON.stringify({ call_count: percent, total_cputime: 0, total_time: 0 });
  }

  /** Drops, duplicates, delays or reorders a webhook event, each with its probability. */
  webhookPlan(): WebhookPlan {
    const w = this.config.webhooks;
    if (!w.drop && !w.duplicate && !w.delay && !w.reorder) return ON_TIME;
    if (this.random() < (w.drop ?? 0)) return { drop: true, copies: 0, delayMs: 0 };
    const copies = this.random() < (w.duplicate ?? 0) ? 2 : 1;
    let delayMs = this.random() < (w.delay ?? 0) ? (w.delayMs ?? 2000) : 0;
    if (this.random() < (w.reorder ?? 0)) delayMs += 50 + Math.floor(this.random() * 450);
    return { drop: false, copies, delayMs };
  }

  /** Whether an echo, delivery or read is held back or reordered (`holdEchoes` and co.). */
  webhookHold(field: string, pageId: string): WebhookHold | undefined {
    const c = this.config;
    const hold =
      field === "message_echoes" ? c.holdEchoes : RECEIPT_FIELDS.has(field) ? c.holdReceipts : null;
    if (hold && appliesTo(hold, pageId)) return { kind: "hold", ms: hold.ms ?? null };
    const reorder = c.reorderReceipts;
    if (!reorder || !REORDERED_FIELDS.has(field) || !appliesTo(reorder, pageId)) return undefined;
    const rank = reorder.order === "shuffle" ? this.random() : null;
    return { kind: "reorder", windowMs: reorder.windowMs, rank };
  }

  /**
   * The answer of a Send API call (or batch) that accepted messages for these Pages: late by
   * `answerDelayMs`, and lost under `dropAnswerAfterAccept`. Called once per HTTP answer.
   */
  afterAccept(pageIds: readonly string[]): AnswerFate {
    const delayMs = this.config.answerDelayMs;
    const drop = this.config.dropAnswerAfterAccept;
    if (!drop || !pageIds.some((id) => appliesTo(drop, id))) return { delayMs, lost: false };
    if (this.random() >= (drop.rate ?? 1)) return { delayMs, lost: false };
    if (drop.count !== undefined) {
      drop.count--;
      if (drop.count <= 0) this.config.dropAnswerAfterAccept = null;
    }
    return { delayMs, lost: true };
  }
}

function injected(
  code: number,
  overrides: { subcode?: number; status?: number; message?: string } = {},
): GraphError {
  const known = INJECTED_ERRORS[code];
  const subcode = overrides.subcode ?? known?.subcode;
  return new GraphError(
    {
      message: overrides.message ?? known?.message ?? `(#${code}) Injected error`,
      type: "OAuthException",
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      ...(TRANSIENT_CODES.has(code) ? { is_transient: true } : {}),
    },
    overrides.status ?? known?.status ?? 400,
  );
}
