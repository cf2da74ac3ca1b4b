import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");
const PACKAGES = ["db", "domain", "engine", "facebook", "facebook-sandbox"];

/** The value names (not types) a package's index re-exports, with the module each comes from. */
export function reExports(index: string): { name: string; from: string }[] {
  return [...index.matchAll(/export\s*\{([^}]*)\}\s*from\s*"(\.[^"]+)"/g)].flatMap((m) =>
    m[1]!
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "" && !part.startsWith("type "))
      .map((part) => ({ name: part.split(/\s+as\s+/)[0]!, from: m[2]! })),
  );
}

/** Whether `name` is declared in `source` with a `/** … *\/` comment right above it. */
export function hasJsDoc(source: string, name: string): boolean | undefined {
  const declaration = new RegExp(
    `(^|\\n)([^\\n]*\\*/[ \\t]*\\n)?(?://[^\\n]*\\n)*export (?:async )?(?:function\\*? |const |class |let )${name}\\b`,
  ).exec(source);
  if (!declaration) return undefined;
  return declaration[2] !== undefined;
}

function moduleFile(from: string, index: string): string | undefined {
  const base = join(dirname(index), from);
  return [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((file) => existsSync(file));
}

describe("public functions", () => {
  it("reads re-exported values and their JSDoc", () => {
    const index = 'export { a, type B, c as d } from "./x";\nexport type { E } from "./y";';
    expect(reExports(index)).toEqual([
      { name: "a", from: "./x" },
      { name: "c", from: "./x" },
    ]);
    expect(hasJsDoc("/** Does a. */\nexport function a() {}", "a")).toBe(true);
    expect(hasJsDoc("/**\n * Does a.\n */\nexport async function a() {}", "a")).toBe(true);
    expect(hasJsDoc("const x = 1;\nexport function a() {}", "a")).toBe(false);
    expect(hasJsDoc("export function b() {}", "a")).toBeUndefined();
  });

  it("exported from a package's index carry a JSDoc", () => {
    const missing: string[] = [];
    for (const name of PACKAGES) {
      const index = join(root, "packages", name, "src/index.ts");
      for (const exported of reExports(readFileSync(index, "utf8"))) {
        const file = moduleFile(exported.from, index);
        if (!file) continue;
        if (hasJsDoc(readFileSync(file, "utf8"), exported.name) === false) {
          missing.push(`packages/${name}: ${exported.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
