import type { z } from "zod";
import { summarizeIssues } from "./summarize-issues";
import type { UnknownWebhookEvent } from "./webhook-event";

/** An event to ignore; `detail` says what it was or why it could not be read. */
export function unknownEvent(
  pageId: string,
  reason: UnknownWebhookEvent["reason"],
  detail: string,
  raw: unknown,
): UnknownWebhookEvent {
  return { kind: "unknown", pageId, reason, detail, raw };
}

/** A `malformed` unknown event naming the first schema issues. */
export function malformedEvent(
  pageId: string,
  kind: string,
  error: z.ZodError,
  raw: unknown,
): UnknownWebhookEvent {
  return unknownEvent(pageId, "malformed", `${kind}: ${summarizeIssues(error)}`, raw);
}
