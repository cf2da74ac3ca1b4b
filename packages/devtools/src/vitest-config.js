import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Vitest settings shared by every workspace: generous hook timeouts for PGlite's boot,
 * and a JSON report per package when the full test run asks for one (WAYMARK_REPORT_DIR).
 * Plain JavaScript because Vitest loads its config without a TypeScript loader for
 * workspace packages.
 * @param {string} packageName
 * @param {import("vitest/config").ViteUserConfig["test"]} [overrides]
 */
export function waymarkVitestConfig(packageName, overrides = {}) {
  const reportDir = process.env.WAYMARK_REPORT_DIR;
  return defineConfig({
    test: {
      hookTimeout: 120_000,
      testTimeout: 60_000,
      reporters: reportDir ? ["default", "json"] : ["default"],
      outputFile: reportDir ? { json: join(reportDir, `vitest-${packageName}.json`) } : undefined,
      ...overrides,
    },
  });
}
