#!/usr/bin/env node
// Runs every check Waymark has — lint, boundaries, type check, unit and integration tests (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set), and the Playwright e2e suite — then prints one
// closing summary line. Exits non-zero on any failure, or when no test ran at all.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../..", import.meta.url).pathname;
const reportDir = mkdtempSync(join(tmpdir(), "waymark-reports-"));
const env = { ...process.env, WAYMARK_REPORT_DIR: reportDir, TURBO_TELEMETRY_DISABLED: "1" };
const turbo = ["npx", "turbo", "run", "--output-logs=new-only", "--log-order=grouped"];

const steps = [
  { name: "lint and format (biome)", cmd: ["npx", "biome", "check", "."] },
  {
    name: "boundaries (dependency-cruiser)",
    cmd: ["npx", "depcruise", "apps", "packages", "e2e", "--config", ".dependency-cruiser.cjs"],
  },
  { name: "type check", cmd: [...turbo, "typecheck"] },
  { name: "unit and integration tests", cmd: [...turbo, "test", "--concurrency=1"] },
  { name: "end-to-end tests (Chromium)", cmd: [...turbo, "e2e"] },
];

if (!process.env.TEST_DATABASE_URL) {
  console.log(
    "Note: TEST_DATABASE_URL is not set, so database tests run on PGlite only. To run them on\n" +
      "PostgreSQL too: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test\n",
  );
}

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(" ")}`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, env, stdio: "inherit" });
  results.push({ name: step.name, ok: run.status === 0 });
}

/** The first lines of a failure message, indented: enough to tell which assertion broke. */
function firstLines(message = "") {
  return message.split("\n").slice(0, 6).join("\n    ");
}

/** Playwright's specs that failed, from its nested suites. */
function failedSpecs(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok),
    ...failedSpecs(suite.suites ?? []),
  ]);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const suites = [];
const failures = [];
for (const file of existsSync(reportDir) ? readdirSync(reportDir) : []) {
  const report = JSON.parse(readFileSync(join(reportDir, file), "utf8"));
  if (file.startsWith("vitest-")) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    suites.push(
      `${file.slice(7, -5)}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
    );
    for (const suite of report.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status !== "failed") continue;
        failures.push(`${suite.name.slice(root.length)} › ${test.fullName}`);
        failures.push(firstLines(test.failureMessages?.[0]));
      }
      // A file that failed to load has no test results, only its message.
      if (suite.status === "failed" && !(suite.assertionResults ?? []).length) {
        failures.push(`${suite.name.slice(root.length)}`, firstLines(suite.message));
      }
    }
  } else if (file === "playwright.json") {
    const s = report.stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    suites.push(`e2e: ${s.expected + s.flaky} passed, ${s.unexpected} failed`);
    for (const spec of failedSpecs(report.suites ?? [])) {
      failures.push(`e2e/${spec.file}:${spec.line} › ${spec.title}`);
      const error = spec.tests?.flatMap((t) => t.results ?? []).find((r) => r.error)?.error;
      failures.push(firstLines(error?.message));
    }
  }
}

console.log("\n=== Summary");
// The failing tests' names and first lines, so the end of a long log says what broke.
// Each failure is two entries (name, first lines); past ten, the count says how many more.
if (failures.length) {
  console.log("Failed:");
  for (const line of failures.slice(0, 20)) console.log(`  ${line}`);
  if (failures.length > 20) console.log(`  … and ${(failures.length - 20) / 2} more failing tests`);
}
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name}`);
for (const s of suites) console.log(`     ${s}`);
const allOk = results.every((r) => r.ok) && failed === 0 && passed > 0;
if (passed === 0) console.log("No test ran: that is a failure.");
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(allOk ? 0 : 1);
