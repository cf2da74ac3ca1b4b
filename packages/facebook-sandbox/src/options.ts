import type { Database } from "@waymark/db";

/** Where the sandbox reports what it does; `console` fits. */
export interface SandboxLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** The part of `fetch` the sandbox uses to call the app's webhook. */
export type SandboxFetch = (
  url: string,
  init: {
    method: "GET" | "POST";
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
  },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Decides whether a request may use the sandbox's console (admin API and pages). */
export type AdminAuthorizer = (request: Request) => boolean | Promise<boolean>;

/** Options of {@link createFacebookSandbox}. */
export interface FacebookSandboxOptions {
  db: Database;
  /** The sandbox app's id (a decimal string, like Facebook's). */
  appId: string;
  appSecret: string;
  /** Shown on the Login dialog and in `subscribed_apps`. */
  appName?: string;
  /** Waymark's webhook callback URL. */
  webhookUrl: string;
  /** The token the sandbox sends in the webhook verification handshake. */
  verifyToken: string;
  /** The absolute URL where this sandbox app is reachable (including any mount prefix). */
  publicUrl: string;
  now?: () => Date;
  /** Delivers webhooks (default: `undici.request` on a keep-alive pool); `fetch` fits. */
  fetch?: SandboxFetch;
  /** Delay between an accepted send and its delivery webhook (default 1000 ms). */
  deliveryDelayMs?: number;
  log?: SandboxLogger;
  /** "Require App Secret": every token call needs `appsecret_proof` (default true). */
  requireAppSecretProof?: boolean;
  /** Webhook retry policy: first retry after `baseDelayMs`, doubling, at most `maxAttempts` tries. */
  webhookRetry?: {
    baseDelayMs?: number;
    maxDelayMs?: number;
    maxAttempts?: number;
    timeoutMs?: number;
  };
  /** Random source for fault injection (default `Math.random`). */
  random?: () => number;
  /** Seed the demo users, pages and people on first start (default true). */
  seed?: boolean;
  /**
   * Who may use the admin API (`/_admin`, which hands out Page tokens) and the pages that act as
   * sandbox users and people; others get 401. The host fills it (Waymark: its signed-in session
   * or a local admin token). Without it they are open, for tests and a sandbox run alone.
   */
  adminAccess?: { authorize: AdminAuthorizer; signInUrl?: string };
}

/** The options with defaults applied. */
export interface SandboxConfig {
  appId: string;
  appSecret: string;
  appName: string;
  webhookUrl: string;
  verifyToken: string;
  publicUrl: string;
  deliveryDelayMs: number;
  requireAppSecretProof: boolean;
  webhookRetry: { baseDelayMs: number; maxDelayMs: number; maxAttempts: number; timeoutMs: number };
  seed: boolean;
}

const silentLogger: SandboxLogger = { info() {}, warn() {}, error() {} };

/** Applies defaults to the options. */
export function resolveConfig(options: FacebookSandboxOptions): SandboxConfig {
  return {
    appId: options.appId,
    appSecret: options.appSecret,
    appName: options.appName ?? "Waymark",
    webhookUrl: options.webhookUrl,
    verifyToken: options.verifyToken,
    publicUrl: options.publicUrl.replace(/\/+$/, ""),
    deliveryDelayMs: options.deliveryDelayMs ?? 1000,
    requireAppSecretProof: options.requireAppSecretProof ?? true,
    webhookRetry: {
      baseDelayMs: options.webhookRetry?.baseDelayMs ?? 1000,
      maxDelayMs: options.webhookRetry?.maxDelayMs ?? 60_000,
      maxAttempts: options.webhookRetry?.maxAttempts ?? 8,
      timeoutMs: options.webhookRetry?.timeoutMs ?? 20_000,
    },
    seed: options.seed ?? true,
  };
}

export function loggerOf(options: FacebookSandboxOptions): SandboxLogger {
  return options.log ?? silentLogger;
}
