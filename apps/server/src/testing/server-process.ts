import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Driver } from "@waymark/db";
import { openTestDatabase } from "@waymark/db/testing";
import { sandboxMigrations } from "@waymark/facebook-sandbox";
import { freePort, TEST_ORIGIN, TEST_SECRET_KEY, TestBrowser } from "./test-app";
import { exited } from "./worker-process";

const mainEntry = fileURLToPath(new URL("../main.ts", import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Where the process listens, for raw sockets. */
  url: string;
  /** A browser whose requests go to the process over real HTTP. */
  browser: TestBrowser;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `main.ts` (from source, through tsx) as a real server process on a fresh database:
 * its own PGlite directory, or a scratch PostgreSQL database. Its public URL is TEST_ORIGIN,
 * so TestBrowser requests pass the same-origin check.
 */
export async function startServerProcess(driver: Driver): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "waymark-server-"));
  const database =
    driver === "postgres" ? await openTestDatabase(driver, [sandboxMigrations]) : null;
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", mainEntry], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: TEST_ORIGIN,
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? "",
      SECRET_KEY: TEST_SECRET_KEY,
      ENGINE: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the server process did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const overHttp = {
    request: (input: string | URL | Request, init?: RequestInit) =>
      fetch(String(input).replace(TEST_ORIGIN, url), init),
  };
  return { child, url, browser: new TestBrowser(overHttp), output: () => output, stop };
}
