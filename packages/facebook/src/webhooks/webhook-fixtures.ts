/** Messaging items shaped like the examples of MESSENGER.md §2.4, §2.5 and §3.3 (documentation as fixtures). */
export const FIXTURES = {
  message: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1458692752478,
    message: {
      mid: "m_1457764197618:41d102a3e1ae206a38",
      text: "hello, world!",
      quick_reply: { payload: "DEVELOPER_DEFINED_PAYLOAD" },
      reply_to: { mid: "m_earlier", is_self_reply: false },
    },
  },
  messageAfterCheckbox: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1458692752479,
    message: { mid: "m_2", text: "hi" },
    prior_message: { source: "checkbox_plugin", identifier: "cb-7f3a9d1e-2b" },
  },
  messageWithAttachment: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1458692752480,
    message: {
      mid: "m_3",
      attachments: [{ type: "image", payload: { url: "https://x.test/a.png" } }],
    },
  },
  echo: {
    sender: { id: "1234567890" },
    recipient: { id: "1254477777772919" },
    timestamp: 1458692752481,
    message: {
      is_echo: true,
      app_id: 1517776481860111,
      metadata: "wm:msg:77",
      mid: "m_echo",
      text: "Hi Ana",
    },
  },
  optinSendToMessenger: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1234567890,
    optin: { ref: "PASS_THROUGH_PARAM" },
  },
  optinWithoutRef: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1234567891,
    optin: {},
  },
  optinCheckbox: {
    recipient: { id: "1234567890" },
    timestamp: 1234567892,
    optin: { ref: "PASS_THROUGH_PARAM", user_ref: "REF_FROM_CHECKBOX_PLUGIN" },
  },
  optinOneTimeNotif: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1234567893,
    optin: {
      type: "one_time_notif_req",
      payload: "USER_DEFINED_PAYLOAD",
      one_time_notif_token: "OTN-TOKEN",
    },
  },
  optinNotificationMessages: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1234567894,
    optin: {
      type: "notification_messages",
      payload: "ADDITIONAL-INFORMATION",
      notification_messages_token: "NOTIFICATION-MESSAGES-TOKEN",
      notification_messages_frequency: "DAILY",
      notification_messages_timezone: "TIMEZONE-ID",
      token_expiry_timestamp: "TIMESTAMP",
      user_token_status: "REFRESHED",
      notification_messages_status: "STOP NOTIFICATIONS",
      title: "TITLE",
    },
  },
  delivery: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    delivery: { mids: ["mid.1458668856218:ed81099e15d3f4f233"], watermark: 1458668856253, seq: 37 },
  },
  deliveryWithoutMids: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    delivery: { watermark: 1458668856253 },
  },
  read: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1458668856463,
    read: { watermark: 1458668856253 },
  },
  postback: {
    sender: { id: "1254477777772919" },
    recipient: { id: "1234567890" },
    timestamp: 1458692752482,
    postback: { title: "Get Started", payload: "GET_STARTED" },
  },
} as const;

/** Wraps messaging items in the page envelope of MESSENGER.md §3.2. */
export function envelope(...messaging: unknown[]) {
  return { object: "page", entry: [{ id: "1234567890", time: 1458692752478, messaging }] };
}
