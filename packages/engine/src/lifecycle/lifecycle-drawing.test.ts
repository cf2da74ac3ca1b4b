import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MESSAGE_EVENTS, MESSAGE_STATUSES, nextMessageStatus } from "@waymark/domain";
import { describe, expect, it } from "vitest";

// The README's drawing of a message's life is the domain's transition table, drawn: this test
// keeps the two the same (run it with UPDATE_LIFECYCLE_DRAWING=1 to print the new drawing).

/** The transition table as a Mermaid state diagram, one arrow per (from, to) with its events. */
function drawLifecycle(): string {
  const lines = [
    "stateDiagram-v2",
    "  [*] --> queued: visit",
    "  [*] --> not_sent: visit (warning)",
  ];
  for (const from of MESSAGE_STATUSES) {
    const byTarget = new Map<string, string[]>();
    for (const event of MESSAGE_EVENTS) {
      const to = nextMessageStatus(from, event);
      if (to) byTarget.set(to, [...(byTarget.get(to) ?? []), event]);
      // An echo stamped on a message in flight makes whatever follows it sent.
      const echoed = nextMessageStatus(from, event, true);
      if (to && echoed && echoed !== to) {
        byTarget.set(echoed, [...(byTarget.get(echoed) ?? []), `${event} after echo`]);
      }
    }
    for (const [to, events] of byTarget) lines.push(`  ${from} --> ${to}: ${events.join(", ")}`);
  }
  return lines.join("\n");
}

describe("the engine README's lifecycle drawing", () => {
  it("is the domain's transition table", () => {
    const drawing = drawLifecycle();
    if (process.env.UPDATE_LIFECYCLE_DRAWING) console.log(drawing);
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block).toBe(drawing);
  });
});
