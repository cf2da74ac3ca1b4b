import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const workerEntry = fileURLToPath(new URL("../worker.ts", import.meta.url));

/** Starts `worker` (from source, through tsx) as a real process with the given environment. */
export function spawnWorker(env: Record<string, string>): ChildProcess & { output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", workerEntry], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return Object.assign(child, { output: () => output });
}

/** Resolves when the process has exited. */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}
