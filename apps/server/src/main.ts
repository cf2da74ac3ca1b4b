import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { openDatabase } from "@waymark/db";
import { ConfigError, loadConfig } from "./config";
import { staticFiles } from "./http/static-files";
import { resolveSecretKey } from "./lib/secret-key";
import { createRuntime, migrateForConfig } from "./runtime";

/** Composition root: configuration → database → runtime → HTTP server. */
async function main() {
  const config = loadConfig(process.env);
  await mkdir(config.dataDir, { recursive: true });
  const secretKey = await resolveSecretKey(config.secretKey, config.dataDir);
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, "pglite") },
  );
  await migrateForConfig(config, database);

  // The bundle lives in apps/server/dist; the built SPA beside it in apps/web/dist.
  const staticDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../web/dist");
  const runtime = createRuntime({
    config,
    secretKey,
    database,
    staticFiles: staticFiles(staticDir),
  });

  const server = serve(
    { fetch: runtime.app.fetch, port: config.port, hostname: "0.0.0.0" },
    (info) => {
      console.log(
        `Waymark is running at ${config.publicUrl} (port ${info.port}, database: ${database.driver}, Facebook: ${config.facebook.mode})`,
      );
    },
  );
  await runtime.start();

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await runtime.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `Waymark failed to start: ${error}`);
  if (!(error instanceof ConfigError)) console.error(error);
  process.exit(1);
});
