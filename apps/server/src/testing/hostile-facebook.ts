import {
  classifyGraphError,
  type FacebookClient,
  type FacebookError,
  type SendMessageInput,
  type SendMessageRequest,
  type SendResult,
} from "@waymark/facebook";

/**
 * What Facebook does with one Send API request. `lost_*`: the answer is a timeout, after or
 * before Facebook accepted it. `lie_*`: it accepted and echoed it, then answered an error.
 */
export type SendAnswer =
  | "ok"
  | "retry"
  | "refused"
  | "token_invalid"
  | "lost_after_accept"
  | "lost_before_accept"
  | "lie_retry"
  | "lie_refused";

/** When a webhook event goes out: inside the call, before its answer, or at a later flush. */
export type Emission =
  | { when: "in_call"; copies: 1 | 2 }
  | { when: "later"; flushes: number; copies: 1 | 2; order: number };

/** What Facebook does with one call carrying one message, and which events follow it. */
export interface CallPlan {
  answer: SendAnswer;
  /** Time the call takes before Facebook stamps the message (the test clock moves on). */
  latencyMs: number;
  /** null: the echo never comes. */
  echo: Emission | null;
  delivery: { afterMs: number; withMid: boolean; emission: Emission } | null;
  read: { afterMs: number; emission: Emission } | null;
}

/** A message Facebook accepted: its mid and Facebook's time for it. */
export interface Accepted {
  psid: string;
  mid: string;
  at: number;
  /** Its place among accepts and posts: a receipt can only cover what was accepted before it. */
  seq: number;
}

type Pending =
  | { kind: "echo"; id: string; accepted: Accepted; due: number; order: number }
  | {
      kind: "delivery" | "read";
      accepted: Accepted;
      watermark: number;
      mids: string[] | null;
      due: number;
      order: number;
    };

/** A receipt Waymark's webhook route answered 200 for. */
interface PostedReceipt {
  kind: "delivery" | "read";
  psid: string;
  watermark: number;
  mids: string[] | null;
  seq: number;
}

export interface HostileFacebookOptions {
  pageId: string;
  /** The test clock, in epoch ms, and how to move it on. */
  now: () => number;
  advance: (ms: number) => void;
  /** Each message id's calls, in order; past the last, the last again (a pause becomes a retry). */
  plans: ReadonlyMap<string, readonly CallPlan[]>;
  /** Posts `messaging` items to Waymark's signed webhook route; throws unless it answers 200. */
  post: (messaging: unknown[]) => Promise<void>;
  /** Runs inside every call after its in-call events were posted (the inbox processor, say). */
  duringCall?: () => Promise<void>;
}

const GRAPH_ERRORS = {
  retry: { code: 2, httpStatus: 500, message: "An unexpected error has occurred." },
  refused: {
    code: 551,
    subcode: 1545041,
    httpStatus: 400,
    message: "This person isn't available right now.",
  },
  token_invalid: { code: 190, httpStatus: 400, message: "Error validating access token." },
} as const;

function graphError(which: keyof typeof GRAPH_ERRORS): FacebookError {
  const e = GRAPH_ERRORS[which];
  return { kind: "graph", type: "OAuthException", ...e, ...classifyGraphError(e) };
}

const TIMEOUT: FacebookError = {
  kind: "unknown",
  classification: "unknown",
  reason: "timeout",
  message: "The Graph API did not answer in time",
};

/**
 * A Facebook at the true edge that is as hostile as the real one: it accepts, refuses, or
 * loses answers, echoes before or after its answer or never, and sends delivery and read
 * receipts late, early, out of order and twice, through Waymark's signed webhook route. It
 * keeps the ground truth: every accepted send and every event Waymark was given.
 */
export class HostileFacebook {
  readonly accepts = new Map<string, Accepted[]>();
  readonly echoed = new Set<string>();
  private readonly calls = new Map<string, number>();
  private readonly receipts: PostedReceipt[] = [];
  private outbox: Pending[] = [];
  private flushes = 0;
  private seq = 0;

  constructor(private readonly options: HostileFacebookOptions) {}

  readonly client = {
    sendMessage: (input: SendMessageInput) => this.call([input]).then((r) => r[0]!),
    sendMessages: (_pageToken: string, requests: readonly SendMessageRequest[]) =>
      this.call(requests),
  } as unknown as FacebookClient;

  /** Events that will still go out at a later flush. */
  get pending(): number {
    return this.outbox.length;
  }

  /** Posts the events due by this flush (in their shuffled order), all in one POST. */
  async flush(): Promise<void> {
    this.flushes += 1;
    const due = this.outbox.filter((p) => p.due <= this.flushes).sort((a, b) => a.order - b.order);
    this.outbox = this.outbox.filter((p) => p.due > this.flushes);
    await this.postEvents(due);
  }

  /** A receipt Waymark was given covers it: a delivery (by watermark or mid) or a read. */
  delivered(a: Accepted): boolean {
    return this.receipts.some(
      (r) =>
        r.psid === a.psid &&
        r.seq > a.seq &&
        (r.watermark >= a.at || (r.kind === "delivery" && !!r.mids?.includes(a.mid))),
    );
  }

  /** A read receipt Waymark was given covers the message. */
  read(a: Accepted): boolean {
    return this.receipts.some(
      (r) => r.kind === "read" && r.psid === a.psid && r.seq > a.seq && r.watermark >= a.at,
    );
  }

  /** How many Send API requests carried this message. */
  callsOf(id: string): number {
    return this.calls.get(id) ?? 0;
  }

  private planFor(id: string): CallPlan {
    const n = this.calls.get(id) ?? 0;
    this.calls.set(id, n + 1);
    const plans = this.options.plans.get(id);
    if (!plans?.length) throw new Error(`no plan for message ${id}`);
    if (n < plans.length) return plans[n]!;
    // A repeated token refusal would pause the profile for ever: past its plan, it is a retry.
    const last = plans[plans.length - 1]!;
    return last.answer === "token_invalid" ? { ...last, answer: "retry" } : last;
  }

  /** One Send API call (one request or a Graph batch): each request as planned, then answers. */
  private async call(requests: readonly SendMessageRequest[]): Promise<SendResult[]> {
    const inCall: Pending[] = [];
    const answers: SendResult[] = [];
    let lost = false;
    for (const request of requests) {
      const id = request.metadata!;
      const plan = this.planFor(id);
      this.options.advance(plan.latencyMs);
      const accepts = !["retry", "refused", "token_invalid", "lost_before_accept"].includes(
        plan.answer,
      );
      if (plan.answer.startsWith("lost")) lost = true;
      if (!accepts) {
        answers.push(this.errorAnswer(plan.answer));
        continue;
      }
      const accepted = this.accept(id, request.psid);
      for (const event of this.eventsOf(id, accepted, plan)) {
        if (event.due === 0) inCall.push(event);
        else this.outbox.push(event);
      }
      answers.push(
        plan.answer === "lie_retry"
          ? { ok: false, error: graphError("retry") }
          : plan.answer === "lie_refused"
            ? { ok: false, error: graphError("refused") }
            : { ok: true, messageId: accepted.mid },
      );
    }
    await this.postEvents(inCall);
    await this.options.duringCall?.();
    // A Graph batch whose answer is lost loses it for every request in it.
    return lost ? requests.map(() => ({ ok: false, error: TIMEOUT })) : answers;
  }

  private errorAnswer(answer: SendAnswer): SendResult {
    if (answer === "lost_before_accept") return { ok: false, error: TIMEOUT };
    return { ok: false, error: graphError(answer as keyof typeof GRAPH_ERRORS) };
  }

  private accept(id: string, psid: string): Accepted {
    const list = this.accepts.get(id) ?? [];
    const accepted = {
      psid,
      mid: `m_${id}_${list.length}`,
      at: this.options.now(),
      seq: ++this.seq,
    };
    list.push(accepted);
    this.accepts.set(id, list);
    return accepted;
  }

  /** The echo and receipts a call's plan emits, each copy due at a flush (0: in the call). */
  private eventsOf(id: string, accepted: Accepted, plan: CallPlan): Pending[] {
    const events: Pending[] = [];
    const copies = (emission: Emission, make: (due: number, order: number) => Pending) => {
      for (let copy = 0; copy < emission.copies; copy++) {
        const due = emission.when === "in_call" ? 0 : this.flushes + emission.flushes + copy;
        events.push(make(due, emission.when === "in_call" ? 0 : emission.order + copy));
      }
    };
    // Lying answers are only told after the echo: without it Waymark could not know better.
    const echo = plan.answer.startsWith("lie")
      ? { when: "in_call" as const, copies: 1 as const }
      : plan.echo;
    if (echo) copies(echo, (due, order) => ({ kind: "echo", id, accepted, due, order }));
    const { delivery, read } = plan;
    if (delivery) {
      copies(delivery.emission, (due, order) => ({
        kind: "delivery",
        accepted,
        watermark: accepted.at + delivery.afterMs,
        mids: delivery.withMid ? [accepted.mid] : null,
        due,
        order,
      }));
    }
    if (read) {
      copies(read.emission, (due, order) => ({
        kind: "read",
        accepted,
        watermark: accepted.at + read.afterMs,
        mids: null,
        due,
        order,
      }));
    }
    return events;
  }

  /**
   * Posts events as Facebook words them. A watermark is never later than the moment it is
   * sent (Facebook cannot vouch for messages it has not had yet), so it is capped at now.
   */
  private async postEvents(events: Pending[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.options.now();
    const page = { id: this.options.pageId };
    const sent: PostedReceipt[] = [];
    const messaging = events.map((e) => {
      const person = { id: e.accepted.psid };
      if (e.kind === "echo") {
        return {
          sender: page,
          recipient: person,
          timestamp: e.accepted.at,
          message: { is_echo: true, mid: e.accepted.mid, text: "Hi", metadata: e.id },
        };
      }
      const watermark = Math.min(e.watermark, now);
      sent.push({ kind: e.kind, psid: e.accepted.psid, watermark, mids: e.mids, seq: 0 });
      return {
        sender: person,
        recipient: page,
        timestamp: watermark,
        [e.kind]: { watermark, ...(e.mids && { mids: e.mids }) },
      };
    });
    await this.options.post(messaging);
    const seq = ++this.seq;
    for (const e of events) if (e.kind === "echo") this.echoed.add(e.id);
    this.receipts.push(...sent.map((r) => ({ ...r, seq })));
  }
}
