import type { Database } from "@waymark/db";
import type { FaultInjector } from "./faults/fault-injector";
import type { SandboxConfig, SandboxLogger } from "./options";
import type { DeliveryScheduler } from "./send/delivery-scheduler";
import type { SentMessageLog } from "./send/sent-message-log";
import type { SandboxState } from "./state/sandbox-state";
import type { WebhookEmitter } from "./webhooks/webhook-emitter";

/** What every sandbox module works with; built once by `createFacebookSandbox`. */
export interface SandboxContext {
  db: Database;
  state: SandboxState;
  config: SandboxConfig;
  now: () => Date;
  log: SandboxLogger;
  random: () => number;
  webhooks: WebhookEmitter;
  sentLog: SentMessageLog;
  deliveries: DeliveryScheduler;
  faults: FaultInjector;
  /** Resolves once the state is loaded (and seeded); starts the sandbox on first call. */
  ready(): Promise<void>;
  /** Whether `ready()` has resolved, so hot paths can skip awaiting it. */
  isReady(): boolean;
}
