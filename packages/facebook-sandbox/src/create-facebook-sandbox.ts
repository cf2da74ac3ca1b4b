import { keepAliveFetch } from "@waymark/http";
import type { Hono } from "hono";
import { Agent } from "undici";
import { createSandboxAdmin, type SandboxAdmin } from "./admin/sandbox-admin";
import { seedOnce } from "./admin/seed";
import type { SandboxContext } from "./context";
import { createSandboxApp } from "./create-sandbox-app";
import { FaultInjector } from "./faults/fault-injector";
import { type FacebookSandboxOptions, loggerOf, resolveConfig, type SandboxFetch } from "./options";
import { DeliveryScheduler } from "./send/delivery-scheduler";
import { SentMessageLog } from "./send/sent-message-log";
import { loadState } from "./state/load-state";
import { SandboxState } from "./state/sandbox-state";
import { WebhookDispatcher } from "./webhooks/webhook-dispatcher";
import { WebhookEmitter } from "./webhooks/webhook-emitter";
import { deliveryEvent } from "./webhooks/webhook-events";

/** A running Facebook sandbox. */
export interface FacebookSandbox {
  /** Mount under any prefix, e.g. `app.route("/fb-sandbox", sandbox.app)`. */
  app: Hono;
  /** Loads state, seeds on first start, starts the webhook dispatcher and the writer. */
  start(): Promise<void>;
  /** Stops timers and writes what is pending. */
  stop(): Promise<void>;
  admin: SandboxAdmin;
}

/**
 * Creates the Facebook sandbox: a strict emulator of the Graph API, Login dialog, JS SDK
 * and Messenger webhooks that Waymark uses (MESSENGER.md), backed by the `fb_sandbox` schema.
 * @example
 * const sandbox = createFacebookSandbox({ db, appId, appSecret, verifyToken,
 *   webhookUrl: `${PUBLIC_URL}/webhooks/messenger`, publicUrl: `${PUBLIC_URL}/fb-sandbox` });
 * await sandbox.start();
 * app.route("/fb-sandbox", sandbox.app);
 */
export function createFacebookSandbox(options: FacebookSandboxOptions): FacebookSandbox {
  const config = resolveConfig(options);
  const log = loggerOf(options);
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const webhookPool = new Agent({ keepAliveTimeout: 30_000 });
  const fetchFn: SandboxFetch = options.fetch ?? keepAliveFetch(webhookPool);
  const state = new SandboxState();
  const faults = new FaultInjector(random);
  const dispatcher = new WebhookDispatcher(config, fetchFn, log);
  const webhooks = new WebhookEmitter(state, dispatcher, faults, now);
  const deliveries = new DeliveryScheduler(config.deliveryDelayMs, (thread, mids, watermark) =>
    webhooks.emit(
      "message_deliveries",
      thread.pageId,
      deliveryEvent(thread.psid, thread.pageId, mids, watermark),
    ),
  );
  const sentLog = new SentMessageLog(options.db, log);
  let started: Promise<void> | undefined;
  let isReady = false;
  let timers: NodeJS.Timeout[] = [];

  const boot = async () => {
    await loadState(options.db, state, config.appSecret);
    if (config.seed) await seedOnce(ctx);
    timers = [
      setInterval(() => {
        deliveries.tick();
        dispatcher.tick();
      }, 25),
      setInterval(() => sentLog.flushIfIdle(), 100),
    ];
    for (const timer of timers) timer.unref();
    isReady = true;
    log.info("fb-sandbox: started", { publicUrl: config.publicUrl, pages: state.pages.size });
  };

  const ctx: SandboxContext = {
    db: options.db,
    state,
    config,
    now,
    log,
    random,
    webhooks,
    sentLog,
    deliveries,
    faults,
    ready: () => {
      started ??= boot();
      return started;
    },
    isReady: () => isReady,
  };
  const admin = createSandboxAdmin(ctx, dispatcher, fetchFn);
  return {
    app: createSandboxApp(ctx, admin, options.adminAccess),
    start: () => ctx.ready(),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      timers = [];
      dispatcher.stop();
      await sentLog.flush();
      await webhookPool.close();
    },
    admin,
  };
}
