import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root: child processes start here so `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface BenchProcess {
  label: string;
  child: ChildProcess;
  pid: number;
  output: () => string;
  /** Resolves when a line of output matches; rejects if the process exits first or on timeout. */
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<void>;
  /** SIGTERM (a graceful stop), then waits for the exit; SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
  exited: () => boolean;
}

/**
 * Starts a Node entry as its own OS process: a `.ts` file from source through tsx, a built
 * `.js` as is. Output is kept (the last 64 kB) for error reports.
 */
export function startNodeProcess(
  label: string,
  entry: string,
  env: Record<string, string>,
): BenchProcess {
  const args = entry.endsWith(".ts") ? ["--import", "tsx", entry] : [entry];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters = new Set<() => void>();
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-65_536);
    for (const check of waiters) check();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    label,
    child,
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => fail(`${label} printed no ${pattern} within ${timeoutMs} ms`),
          timeoutMs,
        );
        const check = () => {
          if (!pattern.test(output)) return;
          done();
          resolve();
        };
        const fail = (why: string) => {
          done();
          reject(new Error(`${why}:\n${output}`));
        };
        const onExit = () => fail(`${label} exited (${child.exitCode ?? child.signalCode})`);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off("exit", onExit);
        };
        waiters.add(check);
        child.once("exit", onExit);
        check();
      }),
    stop: async (graceMs = 30_000) => {
      if (exited()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A field of /proc/<pid>/status in MiB (VmHWM: peak resident set; VmRSS: resident now). */
function statusMiB(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kB = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kB === undefined ? 0 : Number(kB) / 1024;
  } catch {
    return 0;
  }
}

/** The peak resident set of a running process since it started, in MiB (Linux /proc). */
export const peakRssMiB = (pid: number) => statusMiB(pid, "VmHWM");

/** The resident set of a running process now, in MiB (Linux /proc). */
export const rssMiB = (pid: number) => statusMiB(pid, "VmRSS");
