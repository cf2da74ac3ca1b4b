import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// Resolved through the package name so it holds from source (tsx, Vitest) and from a bundle.
const packageRoot = dirname(
  createRequire(import.meta.url).resolve("@waymark/facebook-sandbox/package.json"),
);

/** The sandbox's committed migrations, applied next to Waymark's own with `migrateDatabase`. */
export const sandboxMigrations = {
  migrationsFolder: join(packageRoot, "drizzle"),
  migrationsTable: "__drizzle_migrations_fb_sandbox",
};
