import { parseMessagingEvent } from "./parse-messaging-event";
import { summarizeIssues } from "./summarize-issues";
import { unknownEvent } from "./unknown-event";
import type { WebhookEvent } from "./webhook-event";
import { webhookEnvelopeSchema } from "./webhook-schemas";

/** The events of one webhook POST, or why the envelope is malformed (answer 400). */
export type ParseWebhookResult =
  | { ok: true; object: string; events: WebhookEvent[] }
  | { ok: false; error: string };

/**
 * Splits a webhook body (already JSON-parsed) into a flat list of typed events. Unsupported or
 * unreadable single events come back as `kind: "unknown"`; only a bad envelope fails. Never throws.
 */
export function parseWebhookEvents(json: unknown): ParseWebhookResult {
  try {
    const envelope = webhookEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return { ok: false, error: `malformed webhook envelope: ${summarizeIssues(envelope.error)}` };
    }
    const { object, entry } = envelope.data;
    // Other objects (instagram, …) are not ours; acknowledging them stops Facebook's retries.
    if (object !== "page") return { ok: true, object, events: [] };
    const events: WebhookEvent[] = [];
    for (const { id, time, messaging, standby } of entry) {
      for (const item of messaging ?? []) events.push(parseMessagingEvent(id, time, item));
      for (const item of standby ?? []) {
        events.push(unknownEvent(id, "unsupported", "standby event", item));
      }
    }
    return { ok: true, object, events };
  } catch (error) {
    return { ok: false, error: `unreadable webhook body: ${String(error)}` };
  }
}
