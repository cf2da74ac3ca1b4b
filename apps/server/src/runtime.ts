import { type DatabaseHandle, migrateDatabase, waymarkMigrationsFolder } from "@waymark/db";
import { createEngineLoops } from "@waymark/engine";
import { createFacebookClient, DEFAULT_SDK_URL, keepAliveGraphFetch } from "@waymark/facebook";
import {
  createFacebookSandbox,
  type FacebookSandbox,
  sandboxMigrations,
} from "@waymark/facebook-sandbox";
import type { Hono } from "hono";
import { type AppDeps, createApp } from "./app";
import type { Config } from "./config";
import { sandboxAdminAccess } from "./http/sandbox-admin-access";
import { createGraphDispatcher } from "./lib/graph-dispatcher";
import { deriveKey } from "./lib/keys";

/** The sandbox's app id: any decimal id works, like Facebook's. */
const SANDBOX_APP_ID = "990000000000001";
export const SANDBOX_MOUNT = "/fb-sandbox";

export interface RuntimeOptions {
  config: Config;
  secretKey: string;
  database: DatabaseHandle;
  staticFiles?: Hono;
  now?: () => Date;
  /**
   * Whether this process hosts the Facebook sandbox (sandbox mode only). Workers don't: one
   * sandbox serves a database, and workers reach the server's over HTTP like Facebook.
   */
  hostSandbox?: boolean;
}

/** Everything one Waymark process runs: the HTTP app, the sandbox (in sandbox mode) and the loops. */
export interface Runtime {
  app: Hono;
  /** The engine's loops; started by `start()` when ENGINE=on, or driven directly by a worker. */
  loops: ReturnType<typeof createEngineLoops>;
  deps: AppDeps;
  sandbox?: FacebookSandbox;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Applies Waymark's migrations and, in sandbox mode, the sandbox's own. */
export async function migrateForConfig(config: Config, database: DatabaseHandle) {
  await migrateDatabase(database, [
    { migrationsFolder: waymarkMigrationsFolder },
    ...(config.facebook.mode === "sandbox" ? [sandboxMigrations] : []),
  ]);
}

/** Builds the process from configuration: the one place that decides sandbox or Facebook. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, secretKey, database } = options;
  const now = options.now ?? (() => new Date());
  const dispatcher = createGraphDispatcher();

  const sandboxMode = config.facebook.mode === "sandbox";
  const facebookSettings =
    config.facebook.mode === "sandbox"
      ? {
          appId: SANDBOX_APP_ID,
          appSecret: deriveKey(secretKey, "sandbox-app-secret").toString("hex"),
          verifyToken: deriveKey(secretKey, "sandbox-verify-token").toString("hex"),
          graphApiUrl: `${config.internalUrl}${SANDBOX_MOUNT}`,
          dialogUrl: `${config.publicUrl}${SANDBOX_MOUNT}`,
          sdkUrl: `${config.publicUrl}${SANDBOX_MOUNT}/sdk.js`,
        }
      : { ...config.facebook, sdkUrl: DEFAULT_SDK_URL };

  const sandbox =
    sandboxMode && options.hostSandbox !== false
      ? createFacebookSandbox({
          db: database.db,
          appId: facebookSettings.appId,
          appSecret: facebookSettings.appSecret,
          appName: "Waymark",
          verifyToken: facebookSettings.verifyToken,
          webhookUrl: `${config.internalUrl}/webhooks/messenger`,
          publicUrl: `${config.publicUrl}${SANDBOX_MOUNT}`,
          now,
          adminAccess: sandboxAdminAccess(
            { db: database.db, now },
            {
              secureCookies: config.secureCookies,
              adminToken: deriveKey(secretKey, "sandbox-admin-token").toString("hex"),
              publicUrl: config.publicUrl,
            },
          ),
        })
      : undefined;

  const facebook = createFacebookClient({
    graphApiUrl: facebookSettings.graphApiUrl,
    dialogUrl: facebookSettings.dialogUrl,
    version: config.facebook.graphApiVersion,
    appId: facebookSettings.appId,
    appSecret: facebookSettings.appSecret,
    fetch: keepAliveGraphFetch(dispatcher),
    timeoutMs: 15_000,
  });

  const keys = {
    pageToken: deriveKey(secretKey, "page-token"),
    optInRef: deriveKey(secretKey, "optin-ref"),
  };
  const loops = createEngineLoops({
    db: database.db,
    now,
    facebook,
    keys,
    sendRatePerSecond: config.sendRatePerSecond,
    sendLeaseMs: config.sendLeaseMs,
    reconcileAfterMs: config.reconcileAfterMs,
    profileHealthIntervalMs: config.profileHealthIntervalMs,
  });

  const deps: AppDeps = {
    db: database.db,
    now,
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    trustedProxies: config.trustedProxies,
    health: { database: database.driver, facebook: config.facebook.mode, engine: config.engine },
    facebook,
    keys,
    messenger: {
      appId: facebookSettings.appId,
      redirectUri: `${config.publicUrl}/api/messenger/facebook/oauth/callback`,
      publicUrl: config.publicUrl,
      sdkUrl: facebookSettings.sdkUrl,
      graphVersion: config.facebook.graphApiVersion,
      defaultPolicy: config.messengerPolicy,
    },
    webhook: { appSecret: facebookSettings.appSecret, verifyToken: facebookSettings.verifyToken },
    onWebhookStored: () => loops.nudge.webhooks(),
    // PGlite runs one statement at a time, in this thread; PostgreSQL two at once, each taking
    // the POSTs of a millisecond: four at once without the wait carried 5 rows each under load,
    // for a quarter more CPU per receipt (docs/benchmarks.md, "Webhook acknowledgement").
    inbox:
      database.driver === "postgres"
        ? { maxInFlight: 2, gatherMs: 1 }
        : { maxInFlight: 1, gatherMs: 2 },
    onEnrolled: () => loops.nudge.steps(),
    onProgramActivated: () => loops.nudge.lists(),
  };

  const app = createApp(deps, {
    mounts: sandbox ? [[SANDBOX_MOUNT, sandbox.app]] : [],
    staticFiles: options.staticFiles,
  });

  return {
    app,
    loops,
    deps,
    sandbox,
    async start() {
      await sandbox?.start();
      if (config.engine) loops.start();
    },
    async stop() {
      await loops.stop();
      await sandbox?.stop();
      await dispatcher.close();
    },
  };
}
