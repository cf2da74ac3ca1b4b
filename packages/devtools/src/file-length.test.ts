import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { root, sourceFiles } from "./source-files";

/** Past this a file is usually two concerns; it may stay longer only with its reason at the top. */
const MAX_LINES = 400;
const SOURCE = /\.(ts|tsx|js|mjs|cjs|css)$/;

/** Whether a file's first line is a comment `Over 400 lines: <reason of a few words>`. */
export function hasReasonAtTop(text: string): boolean {
  const first = text.split("\n", 1)[0]!.trim();
  const comment = /^(?:\/\/|\/\*\*?)\s*Over \d+ lines: (.*?)\s*(?:\*\/)?$/.exec(first);
  return comment !== null && comment[1]!.split(/\s+/).length >= 4;
}

describe("source file length", () => {
  it("takes a first-line comment `Over N lines: <reason>` as the reason", () => {
    const ok = "// Over 400 lines: one table of cases, read top to bottom.\nconst a = 1;";
    expect(hasReasonAtTop(ok)).toBe(true);
    expect(hasReasonAtTop("/* Over 400 lines: every canvas rule in one place. */\n.a {}")).toBe(
      true,
    );
    expect(hasReasonAtTop("/* Program editor: header, palette, canvas. */\n.a {}")).toBe(false);
    expect(hasReasonAtTop("// Over 400 lines: long.\nconst a = 1;")).toBe(false);
    expect(hasReasonAtTop('import { a } from "a";\n// Over 400 lines: as it must be, sadly.')).toBe(
      false,
    );
  });

  it(`no file in apps/, packages/ or e2e/ is over ${MAX_LINES} lines without a reason at its top`, () => {
    const unexplained = ["apps", "packages", "e2e"]
      .flatMap((folder) => sourceFiles(join(root, folder), SOURCE))
      .map((path) => ({ path, text: readFileSync(path, "utf8") }))
      .filter(({ text }) => text.trimEnd().split("\n").length > MAX_LINES && !hasReasonAtTop(text))
      .map(({ path, text }) => `${relative(root, path)} (${text.trimEnd().split("\n").length})`);
    expect(unexplained).toEqual([]);
  });
});
