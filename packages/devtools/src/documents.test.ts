import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");

/** The README is a newcomer's first page: past this it has become a manual again. */
const README_MAX_LINES = 150;

function documents(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  return ["README.md", "ARCHITECTURE.md", ...docs];
}

/** The relative targets of a Markdown text's links and images, without their `#anchor`. */
export function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "");
  return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#"))
    .map((target) => decodeURIComponent(target.replace(/#.*$/, "")))
    .filter((target) => target !== "");
}

describe("README and docs", () => {
  it(`README stays under ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(root, "README.md"), "utf8").trimEnd().split("\n").length;
    expect(lines).toBeLessThan(README_MAX_LINES);
  });

  it("reads relative link targets, not URLs, anchors or fenced code", () => {
    const text = [
      "See [the map](ARCHITECTURE.md), [deploying](docs/deploying.md#workers) and",
      '![canvas](docs/images/canvas.png "The canvas"), not [site](https://example.com/x.md),',
      "[mail](mailto:a@b.c) or [top](#top).",
      "```md",
      "[inside](fenced.md)",
      "```",
    ].join("\n");
    expect(relativeLinks(text)).toEqual([
      "ARCHITECTURE.md",
      "docs/deploying.md",
      "docs/images/canvas.png",
    ]);
  });

  it("link only to files that exist", () => {
    const missing: string[] = [];
    for (const document of documents()) {
      const text = readFileSync(join(root, document), "utf8");
      for (const target of relativeLinks(text)) {
        if (!existsSync(join(root, dirname(document), target))) {
          missing.push(`${document}: ${target}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
