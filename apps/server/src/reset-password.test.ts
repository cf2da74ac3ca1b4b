import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DatabaseHandle, type Driver, openDatabase } from "@waymark/db";
import { openTestDatabase, testDrivers } from "@waymark/db/testing";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { migrateForConfig } from "./runtime";
import { logIn } from "./services/auth/log-in";
import { resetPassword } from "./services/auth/password-reset";
import { signUp } from "./services/auth/sign-up";
import { freePort, TEST_SECRET_KEY } from "./testing/test-app";

const entry = fileURLToPath(new URL("./reset-password.ts", import.meta.url));

/** Runs the command from source as a real process; resolves with its exit code and output. */
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The database the command will open: a PGlite data folder, or a scratch PostgreSQL database. */
async function commandDatabase(driver: Driver): Promise<{
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  release(database: DatabaseHandle): Promise<void>;
  cleanUp(): Promise<void>;
}> {
  if (driver === "postgres") {
    const database = await openTestDatabase("postgres", [sandboxMigrations]);
    return {
      env: { DATABASE_URL: database.url ?? "", SECRET_KEY: TEST_SECRET_KEY },
      open: async () => database,
      release: async (_: DatabaseHandle) => {},
      cleanUp: () => database.close(),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), "waymark-reset-"));
  return {
    env: { DATA_DIR: dataDir },
    // One process at a time may open the embedded database: closed while the command runs.
    open: () => openDatabase({ dataDir: join(dataDir, "pglite") }),
    release: (database: DatabaseHandle) => database.close(),
    cleanUp: () => rm(dataDir, { recursive: true, force: true }),
  };
}

describe.each(testDrivers())("npm run reset-password on %s", (driver) => {
  let target: Awaited<ReturnType<typeof commandDatabase>>;
  let env: Record<string, string>;
  const email = "forgetful@example.test";
  beforeAll(async () => {
    target = await commandDatabase(driver);
    env = { ...target.env, PORT: String(await freePort()), PUBLIC_URL: "https://waymark.example" };
    const database = await target.open();
    await migrateForConfig(loadConfig(env), database);
    const deps = { db: database.db, now: () => new Date() };
    await signUp(deps, { accountName: "Forgetful", email, password: "lost and gone forever" });
    await target.release(database);
  });
  afterAll(() => target?.cleanUp());

  it("prints a one-time link whose token sets a new password", { timeout: 120_000 }, async () => {
    const { code, stdout } = await run([email.toUpperCase()], env);
    expect(code).toBe(0);
    const link = stdout.match(/https:\/\/waymark\.example\/reset-password#token=([\w-]+)/);
    expect(link).not.toBeNull();
    const database = await target.open();
    try {
      const deps = { db: database.db, now: () => new Date() };
      const input = { token: link?.[1] ?? "", newPassword: "found it again" };
      await resetPassword(deps, input);
      await expect(resetPassword(deps, input)).rejects.toMatchObject({ status: 400 });
      const user = await logIn(deps, { email, password: "found it again" }, { address: "x" });
      expect(user.id).toBeTruthy();
    } finally {
      await target.release(database);
    }
  });

  it("says so for an unknown email", { timeout: 120_000 }, async () => {
    const unknown = await run(["nobody@example.test"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No Waymark user has the email nobody@example.test.");
  });

  it("shows its usage without an email", { timeout: 120_000 }, async () => {
    const bare = await run([], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage: npm run reset-password -- <email>");
  });
});
