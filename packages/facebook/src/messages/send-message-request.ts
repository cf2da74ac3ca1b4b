/** A text message to one PSID; `tag` goes with, and only with, `MESSAGE_TAG`. */
export type SendMessageRequest = {
  psid: string;
  text: string;
  /** Delivered back in the echo (≤ 1000 characters); Waymark puts its message id here. */
  metadata?: string;
} & (
  | { messagingType: "RESPONSE" | "UPDATE"; tag?: undefined }
  | { messagingType: "MESSAGE_TAG"; tag: string }
);

/** The Send API parameters (MESSENGER.md §1) of a request, nested objects as objects. */
export function sendMessageParams(request: SendMessageRequest) {
  return {
    recipient: { id: request.psid },
    messaging_type: request.messagingType,
    ...(request.tag === undefined ? {} : { tag: request.tag }),
    message: {
      text: request.text,
      ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
    },
  };
}

/**
 * The same parameters as a form body, nested objects as JSON strings (MESSENGER.md §1.1, the
 * form a Graph batch item carries them in, §6).
 */
export function sendMessageForm(request: SendMessageRequest): string {
  const params = sendMessageParams(request);
  const form = new URLSearchParams();
  form.set("recipient", JSON.stringify(params.recipient));
  form.set("messaging_type", params.messaging_type);
  if (params.tag !== undefined) form.set("tag", params.tag);
  form.set("message", JSON.stringify(params.message));
  return form.toString();
}
