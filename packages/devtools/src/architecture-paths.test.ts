import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// ARCHITECTURE.md and docs/*.md name repository paths in backticks; a rename must not leave
// them pointing at nothing. Only spans that look like a path from the repository root count:
// commands, URLs, globs, package names and code in fenced blocks are left alone.

const root = join(import.meta.dirname, "../../..");

/** Where a repository path may start besides the root's own folders (so a renamed one still counts). */
const ROOTS = ["apps", "packages", "e2e", "docs", ".ci"];

/** The inline code spans of a Markdown text, outside fenced code blocks. */
function inlineCodeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "");
  return [...prose.matchAll(/(?<!`)`([^`\n]+)`(?!`)/g)].map((m) => m[1]!.trim());
}

/**
 * The repository path a code span names, or null when it names something else. A path is one
 * word starting at a top-level folder (`apps/…`), or a root file such as `README.md` or
 * `.dependency-cruiser.cjs`; a `:line` or `#anchor` after it is dropped.
 */
function repositoryPath(span: string, topLevel: readonly string[]): string | null {
  if (/\s/.test(span) || span.includes("://") || /[*?{}[\]<>$|=,;()'"\\]/.test(span)) return null;
  const path = span.replace(/(:\d+(-\d+)?|#[\w-]+)$/, "");
  if (path.includes(":") || path.startsWith("/") || path.startsWith("@")) return null;
  if (path.split("/").some((part) => part === ".." || part === ".")) return null;
  const [first, ...rest] = path.split("/");
  if (rest.length > 0) return topLevel.includes(first!) ? path : null;
  // A lone name is a root file only when unmistakable: an upper-case Markdown file or a dotfile.
  return /^[A-Z][A-Z0-9_-]*\.md$/.test(path) || /^\.[\w.-]+\.\w+$/.test(path) ? path : null;
}

/** Whether `path` exists in the repository; a trailing slash asks for a folder. */
function exists(path: string): boolean {
  const full = join(root, path);
  if (!existsSync(full)) return false;
  return !path.endsWith("/") || statSync(full).isDirectory();
}

function documents(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  return ["ARCHITECTURE.md", ...docs];
}

const topLevel = [
  ...new Set([
    ...ROOTS,
    ...readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !["node_modules", ".git", ".turbo"].includes(e.name))
      .map((e) => e.name),
  ]),
];

describe("paths named in the architecture documents", () => {
  it("reads a path from a code span, and nothing from commands, URLs, globs or packages", () => {
    const text = [
      "See `packages/engine/src/lifecycle/` and `apps/server/src/config.ts:12`, `README.md`,",
      "`.dependency-cruiser.cjs` and `docs/benchmarks.md#webhook-acknowledgement`. Not these:",
      "`npx tsx apps/server/bench/engine-bench.ts`, `https://example.com/apps/x.ts`,",
      "`apps/server/src/engine/*.test.ts`, `@waymark/server/types`, `/api/v1`, `node:fs`,",
      "`hc<AppType>`, `DATA_DIR/secret.key`, `program-cache.ts`, `a/../b`, `src/main.ts`.",
      "```sh",
      "cat `apps/inside/a/fence.ts`",
      "```",
    ].join("\n");
    const paths = inlineCodeSpans(text)
      .map((span) => repositoryPath(span, ["apps", "packages", "docs"]))
      .filter((path) => path !== null);
    expect(paths).toEqual([
      "packages/engine/src/lifecycle/",
      "apps/server/src/config.ts",
      "README.md",
      ".dependency-cruiser.cjs",
      "docs/benchmarks.md",
    ]);
  });

  it("name only paths that exist", () => {
    const missing: string[] = [];
    let named = 0;
    for (const document of documents()) {
      const text = readFileSync(join(root, document), "utf8");
      for (const span of inlineCodeSpans(text)) {
        const path = repositoryPath(span, topLevel);
        if (path === null) continue;
        named++;
        if (!exists(path)) missing.push(`${document}: \`${path}\``);
      }
    }
    expect(missing).toEqual([]);
    // The architecture document names dozens; finding none would mean the reading broke.
    expect(named).toBeGreaterThan(50);
  });
});
