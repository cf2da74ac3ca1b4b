import type { FaultInjector } from "../faults/fault-injector";
import type { SandboxState } from "../state/sandbox-state";
import { GATHER_MS, type WebhookDispatcher } from "./webhook-dispatcher";

const DUPLICATE_AFTER_MS = 2 * GATHER_MS;

/** The Messenger webhook fields the sandbox emits. */
export type WebhookField =
  | "messaging_optins"
  | "messages"
  | "message_echoes"
  | "message_deliveries"
  | "message_reads";

/**
 * Emits a webhook event for a Page when the app subscribed the Page to its field,
 * applying any injected webhook faults.
 */
export class WebhookEmitter {
  constructor(
    private readonly state: SandboxState,
    private readonly dispatcher: WebhookDispatcher,
    private readonly faults: FaultInjector,
    private readonly now: () => Date,
  ) {}

  emit(field: WebhookField, pageId: string, event: unknown): void {
    const fields = this.state.pages.get(pageId)?.subscribedFields;
    if (!fields?.includes(field)) return;
    const plan = this.faults.webhookPlan();
    const time = this.now().getTime();
    if (plan.drop) {
      this.dispatcher.log.add({
        outcome: "dropped",
        attempt: 0,
        status: null,
        fields: [field],
        pageIds: [pageId],
        body: JSON.stringify(event),
      });
      return;
    }
    const hold = this.faults.webhookHold(field, pageId);
    // A duplicate follows later than the dispatcher gathers entries, so it comes in a POST of
    // its own, as a redelivery does.
    for (let copy = 0; copy < plan.copies; copy++) {
      const offsetMs = plan.delayMs + copy * DUPLICATE_AFTER_MS;
      const entry = { pageId, field, time, event };
      if (hold) this.dispatcher.held.hold(entry, offsetMs, hold, threadOf(pageId, event));
      else this.dispatcher.enqueue({ ...entry, readyAt: Date.now() + offsetMs });
    }
  }
}

/** The person's side of a messaging event: the sender, or the recipient of an echo. */
function threadOf(pageId: string, event: unknown): string {
  const parties = event as { sender?: { id?: string }; recipient?: { id?: string } };
  const sender = parties.sender?.id;
  return `${pageId}:${sender === undefined || sender === pageId ? parties.recipient?.id : sender}`;
}
