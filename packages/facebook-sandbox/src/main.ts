import { serve } from "@hono/node-server";
import { migrateDatabase, openDatabase } from "@waymark/db";
import { createFacebookSandbox } from "./create-facebook-sandbox";
import { sandboxMigrations } from "./migrations";

// The sandbox as its own process: PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL.
const env = process.env;
const port = Number(env.PORT ?? 4000);
const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;

const handle = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR ?? "./.data/fb-sandbox" },
);
await migrateDatabase(handle, [sandboxMigrations]);

const sandbox = createFacebookSandbox({
  db: handle.db,
  appId: env.SANDBOX_APP_ID ?? "100000000000000",
  appSecret: env.SANDBOX_APP_SECRET ?? "sandbox-app-secret",
  verifyToken: env.SANDBOX_VERIFY_TOKEN ?? "sandbox-verify-token",
  webhookUrl: env.WEBHOOK_URL ?? "http://localhost:3000/webhooks/messenger",
  publicUrl,
  deliveryDelayMs: env.DELIVERY_DELAY_MS ? Number(env.DELIVERY_DELAY_MS) : undefined,
  log: console,
});
await sandbox.start();

const server = serve({ fetch: sandbox.app.fetch, port }, () => {
  console.info(
    `Facebook sandbox on ${publicUrl} (Graph base ${publicUrl}, Login dialog ${publicUrl})`,
  );
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  await sandbox.stop();
  await handle.close();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
