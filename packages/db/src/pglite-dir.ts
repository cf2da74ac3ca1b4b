import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

/**
 * PGlite's memory is the process's: its default 160 MB of shared buffers stays resident for
 * good. 32 MB keeps an embedded Waymark near 170 MB at rest; the OS still caches the files.
 */
export const PGLITE_SETTINGS = ["shared_buffers=32MB", "maintenance_work_mem=32MB"];

/**
 * Creates a new PGlite data directory in a short-lived child process. initdb inside PGlite
 * peaks near 800 MB of memory, which a process never gives back; the server then opens the
 * ready directory at a fraction of that. A directory already initialised is left alone.
 */
export async function initialisePgliteDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return;
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  const script = `const { PGlite } = await import(${JSON.stringify(pglite.href)});
    const db = new PGlite(process.argv[1]); await db.waitReady; await db.close();`;
  await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script, dataDir]);
}
