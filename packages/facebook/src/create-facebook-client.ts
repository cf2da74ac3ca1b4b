import { findConversation } from "./conversations/find-conversation";
import { type ConversationMessage, getMessage } from "./conversations/get-message";
import {
  type ConversationMessageRef,
  listConversationMessages,
} from "./conversations/list-conversation-messages";
import { appSecretProofs } from "./graph/app-secret-proof";
import type { FacebookResult } from "./graph/facebook-error";
import type { FacebookLogger } from "./graph/facebook-logger";
import type { GraphContext } from "./graph/graph-context";
import type { GraphFetch } from "./graph/graph-fetch";
import type { UserAccessToken } from "./login/access-token-response";
import { type AuthorizationUrlInput, authorizationUrl } from "./login/authorization-url";
import { type ExchangeCodeInput, exchangeCode } from "./login/exchange-code";
import { exchangeLongLived } from "./login/exchange-long-lived";
import { type SendMessageInput, sendMessage } from "./messages/send-message";
import type { SendMessageRequest } from "./messages/send-message-request";
import { sendMessages } from "./messages/send-messages";
import type { SendResult } from "./messages/send-result";
import { checkPageToken, type PageTokenInfo } from "./pages/check-page-token";
import { getSubscribedApps, type SubscribedApp } from "./pages/get-subscribed-apps";
import { type FacebookPage, listPages } from "./pages/list-pages";
import { subscribeApp } from "./pages/subscribe-app";
import { unsubscribeApp } from "./pages/unsubscribe-app";
import { getUserProfile, type UserProfile } from "./profiles/get-user-profile";

/** Everything the client needs; nothing is read from the environment. */
export interface FacebookClientConfig {
  /** e.g. `https://graph.facebook.com`, or the sandbox's base URL (a path prefix is allowed). */
  graphApiUrl: string;
  /** e.g. `https://www.facebook.com`. */
  dialogUrl: string;
  /** Graph API version in paths, e.g. `v25.0`. */
  version: string;
  appId: string;
  appSecret: string;
  /** `keepAliveGraphFetch(agent)` in production; any `fetch` fits too. */
  fetch: GraphFetch;
  /** Per-request timeout, body included. */
  timeoutMs: number;
  /** Most `/me/accounts` requests per listPages call (default 50). */
  maxPages?: number;
  logger?: FacebookLogger;
}

/** Waymark's Facebook Graph API operations; every call resolves to a result and never throws. */
export interface FacebookClient {
  /** The Login dialog URL for the authorisation-code flow. */
  authorizationUrl(input: AuthorizationUrlInput): string;
  /** Exchanges the Login `code` for a user access token. */
  exchangeCode(input: ExchangeCodeInput): Promise<FacebookResult<{ token: UserAccessToken }>>;
  /** Exchanges a short-lived user token for a long-lived one. */
  exchangeLongLived(userToken: string): Promise<FacebookResult<{ token: UserAccessToken }>>;
  /** The user's Pages, each marked usable or not with the reason. */
  listPages(
    userToken: string,
  ): Promise<FacebookResult<{ pages: FacebookPage[]; truncated: boolean }>>;
  /** Subscribes the app to the Page's Messenger webhook fields. */
  subscribeApp(pageId: string, pageToken: string): Promise<FacebookResult>;
  /** The apps subscribed to the Page. */
  getSubscribedApps(
    pageId: string,
    pageToken: string,
  ): Promise<FacebookResult<{ apps: SubscribedApp[] }>>;
  /** Removes the app's subscription from the Page. */
  unsubscribeApp(pageId: string, pageToken: string): Promise<FacebookResult>;
  /**
   * Whether Facebook still accepts the Page token and with which permissions (`debug_token`
   * asked with the token itself): app removed or token invalidated → `token_invalid` (190).
   */
  checkPageToken(
    pageToken: string,
    options?: { timeoutMs?: number },
  ): Promise<FacebookResult<{ token: PageTokenInfo }>>;
  /** Sends one text message through the Send API. */
  sendMessage(input: SendMessageInput): Promise<SendResult>;
  /**
   * Sends up to `GRAPH_BATCH_LIMIT` (50) texts with one Page token in one Graph batch call:
   * one result per request, in order, each as `sendMessage` gives it. Rejects more with a
   * RangeError before any call.
   */
  sendMessages(pageToken: string, requests: readonly SendMessageRequest[]): Promise<SendResult[]>;
  /** The conversation between the Page and the person with this PSID; `null` when none. */
  findConversation(
    pageToken: string,
    pageId: string,
    psid: string,
  ): Promise<FacebookResult<{ conversationId: string | null }>>;
  /**
   * One page of the conversation's messages, newest first; pass the returned `after` for the
   * next page (`null` on the last).
   */
  listConversationMessages(
    pageToken: string,
    conversationId: string,
    after?: string,
  ): Promise<FacebookResult<{ messages: ConversationMessageRef[]; after: string | null }>>;
  /** One message's sender and text; Facebook answers only for a conversation's 20 newest. */
  getMessage(
    pageToken: string,
    messageId: string,
  ): Promise<FacebookResult<{ message: ConversationMessage }>>;
  /**
   * The person's first and last name from the User Profile API, with the Page's token. No
   * profile (100/2018218) is `permanent_recipient`; rate limits and outages are `retry`.
   */
  getUserProfile(
    pageToken: string,
    psid: string,
  ): Promise<FacebookResult<{ profile: UserProfile }>>;
}

const VERSION_PATTERN = /^v\d+\.\d+$/;

function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} is not a URL: ${value}`);
  }
  if (url.search !== "" || url.hash !== "") throw new TypeError(`${name} must not have a query`);
  return url.href.replace(/\/+$/, "");
}

/**
 * Creates the Graph API client from injected configuration; throws only on invalid configuration.
 *
 * @example
 * const facebook = createFacebookClient({
 *   graphApiUrl: "https://graph.facebook.com",
 *   dialogUrl: "https://www.facebook.com",
 *   version: "v25.0",
 *   appId, appSecret, fetch, timeoutMs: 10_000,
 * });
 * const sent = await facebook.sendMessage({ pageToken, psid, text: "Hi", messagingType: "UPDATE" });
 */
export function createFacebookClient(config: FacebookClientConfig): FacebookClient {
  if (!VERSION_PATTERN.test(config.version)) {
    throw new TypeError(`version must look like v25.0, got ${config.version}`);
  }
  if (!(config.timeoutMs > 0)) throw new TypeError("timeoutMs must be positive");
  if (config.appSecret === "") throw new TypeError("appSecret must not be empty");
  const injectedFetch = config.fetch;
  const ctx: GraphContext = {
    graphApiUrl: baseUrl("graphApiUrl", config.graphApiUrl),
    dialogUrl: baseUrl("dialogUrl", config.dialogUrl),
    version: config.version,
    appId: config.appId,
    appSecret: config.appSecret,
    fetch: (url, init) => injectedFetch(url, init),
    proof: appSecretProofs(config.appSecret),
    timeoutMs: config.timeoutMs,
    maxPages: config.maxPages ?? 50,
    ...(config.logger === undefined ? {} : { logger: config.logger }),
  };
  return {
    authorizationUrl: (input) => authorizationUrl(ctx, input),
    exchangeCode: (input) => exchangeCode(ctx, input),
    exchangeLongLived: (userToken) => exchangeLongLived(ctx, userToken),
    listPages: (userToken) => listPages(ctx, userToken),
    subscribeApp: (pageId, pageToken) => subscribeApp(ctx, pageId, pageToken),
    getSubscribedApps: (pageId, pageToken) => getSubscribedApps(ctx, pageId, pageToken),
    unsubscribeApp: (pageId, pageToken) => unsubscribeApp(ctx, pageId, pageToken),
    checkPageToken: (pageToken, options) => checkPageToken(ctx, pageToken, options),
    sendMessage: (input) => sendMessage(ctx, input),
    sendMessages: (pageToken, requests) => sendMessages(ctx, pageToken, requests),
    findConversation: (pageToken, pageId, psid) => findConversation(ctx, pageToken, pageId, psid),
    listConversationMessages: (pageToken, conversationId, after) =>
      listConversationMessages(ctx, pageToken, conversationId, after),
    getMessage: (pageToken, messageId) => getMessage(ctx, pageToken, messageId),
    getUserProfile: (pageToken, psid) => getUserProfile(ctx, pageToken, psid),
  };
}
