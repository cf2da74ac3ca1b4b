import { join } from "node:path";
import { openDatabase } from "@waymark/db";
import { ConfigError, loadConfig } from "./config";
import { resolveSecretKey } from "./lib/secret-key";
import { createRuntime, migrateForConfig } from "./runtime";

/**
 * The `worker` command: the engine's loops without HTTP (DESIGN §8). Run any number against one
 * PostgreSQL; they share the work through SKIP LOCKED claims. In sandbox mode the server must
 * be running, since it hosts the Facebook sandbox the workers send to.
 */
async function worker() {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) {
    throw new ConfigError([
      "DATABASE_URL is required for the worker: the embedded database belongs to one process, which runs the engine itself",
    ]);
  }
  const secretKey = await resolveSecretKey(config.secretKey, config.dataDir);
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, "pglite") },
  );
  await migrateForConfig(config, database);
  const runtime = createRuntime({ config, secretKey, database, hostSandbox: false });
  runtime.loops.start();
  console.log(
    `Waymark worker running (database: ${database.driver}, Facebook: ${config.facebook.mode})`,
  );

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Finish the batch in hand, then leave; anything claimed but unsent is recovered by lease.
    await runtime.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

worker().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `Waymark worker failed to start: ${error}`,
  );
  process.exit(1);
});
