import { join } from "node:path";
import { openDatabase } from "@waymark/db";
import { type Config, ConfigError, loadConfig } from "./config";
import { migrateForConfig } from "./runtime";
import { issuePasswordReset } from "./services/auth/password-reset";

const USAGE = "Usage: npm run reset-password -- <email>";

/** Whether a Waymark server answers on this machine's port (it would own the embedded database). */
async function serverRunning(config: Config): Promise<boolean> {
  try {
    const res = await fetch(`${config.internalUrl}/api/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The `reset-password` command (README): prints a one-time link, valid for an hour, with which
 * the user of this email sets a new password. Uses the same environment as the server.
 */
async function resetPassword(args: string[]) {
  const email = args[0]?.trim();
  if (!email || args.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig(process.env);
  if (!config.databaseUrl && (await serverRunning(config))) {
    throw new ConfigError([
      `Waymark is running on port ${config.port} with the embedded database, which one process at a time may open: stop it, run this command, then start it again`,
    ]);
  }
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, "pglite") },
  );
  try {
    await migrateForConfig(config, database);
    const issued = await issuePasswordReset({ db: database.db, now: () => new Date() }, email);
    if (!issued) {
      console.error(`No Waymark user has the email ${email}.`);
      process.exitCode = 1;
      return;
    }
    console.log(
      `One-time password reset link for ${email}, valid until ${issued.expiresAt.toISOString()}:`,
    );
    console.log(`${config.publicUrl}/reset-password#token=${issued.token}`);
  } finally {
    await database.close();
  }
}

resetPassword(process.argv.slice(2)).catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `reset-password failed: ${String(error)}`,
  );
  process.exit(1);
});
