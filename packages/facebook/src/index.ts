export type { ConversationMessage } from "./conversations/get-message";
export type { ConversationMessageRef } from "./conversations/list-conversation-messages";
export {
  createFacebookClient,
  type FacebookClient,
  type FacebookClientConfig,
} from "./create-facebook-client";
export { appSecretProof } from "./graph/app-secret-proof";
export { classifyGraphError } from "./graph/classify-graph-error";
export type {
  FacebookError,
  FacebookResult,
  GraphBackoff,
  GraphError,
  GraphErrorClassification,
  TransportError,
} from "./graph/facebook-error";
export type { FacebookLogEntry, FacebookLogger } from "./graph/facebook-logger";
export {
  GRAPH_ERROR_CODE_RANGES,
  GRAPH_ERROR_CODES,
  type GraphErrorCodeEntry,
} from "./graph/graph-error-codes";
export type {
  GraphFetch,
  GraphFetchInit,
  GraphFetchResponse,
  HeaderReader,
} from "./graph/graph-fetch";
export { GRAPH_BATCH_LIMIT } from "./graph/read-batch-answer";
export { redactUrl, SECRET_QUERY_PARAMETERS } from "./graph/redact-url";
export { keepAliveGraphFetch } from "./http/keep-alive-graph-fetch";
export type { UserAccessToken } from "./login/access-token-response";
export type { AuthorizationUrlInput } from "./login/authorization-url";
export type { ExchangeCodeInput } from "./login/exchange-code";
export { LOGIN_SCOPES } from "./login/login-scopes";
export type { SendMessageInput } from "./messages/send-message";
export type { SendMessageRequest } from "./messages/send-message-request";
export type { SendResult } from "./messages/send-result";
export {
  buildOptInSnippet,
  DEFAULT_SDK_URL,
  type OptInSnippetInput,
} from "./opt-in/build-opt-in-snippet";
export { isValidPluginRef, PLUGIN_REF_MAX_LENGTH } from "./opt-in/is-valid-plugin-ref";
export type { PageTokenInfo } from "./pages/check-page-token";
export type { SubscribedApp } from "./pages/get-subscribed-apps";
export type { FacebookPage } from "./pages/list-pages";
export { type PageAccess, type PageRole, pageAccess } from "./pages/page-access";
export { WEBHOOK_FIELDS } from "./pages/webhook-fields";
export type { UserProfile } from "./profiles/get-user-profile";
export { type ParseWebhookResult, parseWebhookEvents } from "./webhooks/parse-webhook-events";
export { verifySignature } from "./webhooks/verify-signature";
export { type HandshakeQuery, verifyWebhookHandshake } from "./webhooks/verify-webhook-handshake";
export type {
  DeliveryWebhookEvent,
  EchoWebhookEvent,
  MessageWebhookEvent,
  OptinSource,
  OptinWebhookEvent,
  ReadWebhookEvent,
  UnknownWebhookEvent,
  WebhookEvent,
} from "./webhooks/webhook-event";
export {
  deliveryEventSchema,
  echoEventSchema,
  messageEventSchema,
  optinEventSchema,
  readEventSchema,
  webhookEnvelopeSchema,
} from "./webhooks/webhook-schemas";
