/** Builders for the `messaging[]` events of Messenger webhooks (MESSENGER.md §3.3). */

const party = (id: string) => ({ id });

/** Send to Messenger opt-in; `ref` is omitted when the plugin had none. */
export function optInEvent(psid: string, pageId: string, timestamp: number, ref: string | null) {
  return {
    sender: party(psid),
    recipient: party(pageId),
    timestamp,
    optin: ref === null ? {} : { ref },
  };
}

/** Checkbox plugin opt-in: no sender, the `user_ref` instead. */
export function userRefOptInEvent(
  pageId: string,
  timestamp: number,
  ref: string | null,
  userRef: string,
) {
  return {
    recipient: party(pageId),
    timestamp,
    optin: ref === null ? { user_ref: userRef } : { ref, user_ref: userRef },
  };
}

/** A message the person wrote; the first reply after a checkbox opt-in names its `user_ref`. */
export function messageEvent(input: {
  psid: string;
  pageId: string;
  timestamp: number;
  mid: string;
  text: string;
  priorUserRef?: string;
}) {
  return {
    sender: party(input.psid),
    recipient: party(input.pageId),
    timestamp: input.timestamp,
    message: { mid: input.mid, text: input.text },
    ...(input.priorUserRef === undefined
      ? {}
      : { prior_message: { source: "checkbox_plugin", identifier: input.priorUserRef } }),
  };
}

/** The echo of a message the Page sent through the app. */
export function echoEvent(input: {
  pageId: string;
  psid: string;
  timestamp: number;
  appId: string;
  mid: string;
  text?: string;
  attachment?: Record<string, unknown>;
  metadata?: string;
}) {
  const appId = /^\d+$/.test(input.appId) && Number.isSafeInteger(Number(input.appId));
  return {
    sender: party(input.pageId),
    recipient: party(input.psid),
    timestamp: input.timestamp,
    message: {
      is_echo: true,
      app_id: appId ? Number(input.appId) : input.appId,
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
      mid: input.mid,
      ...(input.text === undefined ? {} : { text: input.text }),
      ...(input.attachment === undefined ? {} : { attachments: [input.attachment] }),
    },
  };
}

/** Messages delivered up to `watermark`. */
export function deliveryEvent(psid: string, pageId: string, mids: string[], watermark: number) {
  return { sender: party(psid), recipient: party(pageId), delivery: { mids, watermark } };
}

/** Messages read up to `watermark`. */
export function readEvent(psid: string, pageId: string, timestamp: number, watermark: number) {
  return { sender: party(psid), recipient: party(pageId), timestamp, read: { watermark } };
}
