import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./bench-process";

const BENCH = fileURLToPath(new URL("./e2e-bench.ts", import.meta.url));

/** Runs the end-to-end benchmark as `npm run bench:e2e` does (from source); its exit code and output. */
function runE2eBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", BENCH, ...args], {
      cwd: REPO_ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

// The benchmark's sandbox keeps its records in PostgreSQL, as do Waymark's worker processes.
describe.skipIf(!process.env.TEST_DATABASE_URL)("npm run bench:e2e", () => {
  it("sends every contact its message through a worker process and ends with its JSON line", async () => {
    const { code, output } = await runE2eBench([
      ...["--contacts", "300", "--pages", "2", "--workers", "1", "--entry", "source"],
    ]);
    expect(code, output).toBe(0);
    const result = JSON.parse(output.trim().split("\n").at(-1)!);
    expect(result).toMatchObject({
      contacts: 300,
      pages: 2,
      workers: 1,
      sent: 300,
      sandboxAccepted: 300,
    });
    for (const key of ["seconds", "sendsPerSecond", "ceilingPerSecond", "ratio", "peakRssMiB"]) {
      expect(result[key], key).toBeGreaterThan(0);
    }
    expect(Object.keys(result.peakRssByProcess).sort()).toEqual(["sandbox", "server", "worker 1"]);
  }, 180_000);
});
