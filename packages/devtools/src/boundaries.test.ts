import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cruise } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

// The boundary rules (.dependency-cruiser.cjs at the root), each shown failing on a deliberate
// violation in a small tree laid out like the repository, and passing on the allowed imports.

const root = join(import.meta.dirname, "../../..");
const { forbidden } = createRequire(import.meta.url)(join(root, ".dependency-cruiser.cjs"));
const tree = mkdtempSync(join(tmpdir(), "waymark-boundaries-"));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
}

async function violations(paths: string[]): Promise<string[]> {
  const result = await cruise(paths, {
    baseDir: tree,
    validate: true,
    ruleSet: { forbidden },
    tsPreCompilationDeps: true,
  });
  if (typeof result.output === "string") throw new Error(result.output);
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

write({
  "apps/server/src/app.ts": "export const app = 1;\n",
  "apps/server/src/app-type.ts": "export type App = { a: 1 };\n",
  "packages/db/src/index.ts": "export const db = 1;\n",
  // A package reaching up into an app.
  "packages/engine/src/loops.ts":
    'import { app } from "../../../apps/server/src/app";\nexport const x = app;\n',
  // The domain doing I/O, through the database package and through node:fs.
  "packages/domain/src/io.ts":
    'import { db } from "../../db/src/index";\nimport { readFileSync } from "node:fs";\nexport const y = [db, readFileSync];\n',
  // The web app importing server code (types are allowed), and the database.
  "apps/web/src/page.tsx":
    'import { app } from "../../server/src/app";\nimport type { App } from "../../server/src/app-type";\nimport { db } from "../../../packages/db/src/index";\nexport const z: [number, App | null, number] = [app, null, db];\n',
  // A route querying the database itself.
  "apps/server/src/routes/contacts.ts":
    'import { db } from "../../../../packages/db/src/index";\nexport const r = db;\n',
  // A cycle.
  "apps/web/src/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
  "apps/web/src/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
  // What is allowed: an app importing a package, a route importing a service.
  "apps/server/src/services/list.ts":
    'import { db } from "../../../../packages/db/src/index";\nexport const s = db;\n',
  "apps/server/src/routes/list.ts": 'import { s } from "../services/list";\nexport const l = s;\n',
});

describe("the boundary rules", () => {
  it("fail on each deliberate violation, naming the rule", async () => {
    expect(await violations(["apps", "packages"])).toEqual([
      "domain-is-pure: packages/domain/src/io.ts → packages/db/src/index.ts",
      "domain-uses-no-node-io: packages/domain/src/io.ts → fs",
      "no-cycles: apps/web/src/a.ts → apps/web/src/b.ts",
      "packages-never-import-apps: packages/engine/src/loops.ts → apps/server/src/app.ts",
      "routes-call-services-not-the-database: apps/server/src/routes/contacts.ts → packages/db/src/index.ts",
      "web-never-touches-db-engine-or-facebook: apps/web/src/page.tsx → packages/db/src/index.ts",
      "web-takes-only-types-from-server: apps/web/src/page.tsx → apps/server/src/app.ts",
    ]);
  });

  it("pass on the allowed imports", async () => {
    expect(
      await violations(["apps/server/src/routes/list.ts", "apps/server/src/services"]),
    ).toEqual([]);
  });
});
