import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The repository's root, from this folder. */
export const root = join(import.meta.dirname, "../../..");

const SKIPPED_FOLDERS = new Set([
  "node_modules",
  "dist",
  "coverage",
  ".turbo",
  "test-results",
  "playwright-report",
]);

/** Every file under `folder` whose name matches `name`, outside build and dependency folders. */
export function sourceFiles(folder: string, name: RegExp): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path, name);
    return name.test(entry.name) ? [path] : [];
  });
}
