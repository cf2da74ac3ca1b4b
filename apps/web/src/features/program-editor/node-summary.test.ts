import { messengerNode } from "@waymark/domain/fixtures";
import { describe, expect, it } from "vitest";
import type { EditorProfile } from "./editor-context";
import { nodeSummary } from "./node-summary";

const profile = (name: string): EditorProfile => ({
  id: "profile-shop",
  name,
  status: "enabled",
  policyVersion: "2018",
  pageName: "Shop",
});

describe("node summary", () => {
  it("cuts every line to 48 characters, so a node needs no clipping", () => {
    const node = messengerNode("m", { text: `Hello ${"very ".repeat(40)}long` });
    const lines = nodeSummary(
      { type: "messenger", data: node.data },
      { profiles: [profile("A profile with a rather long name ".repeat(3))], lists: [] },
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect([...line].length).toBeLessThanOrEqual(48);
      expect(line.endsWith("…")).toBe(true);
    }
  });

  it("keeps short lines whole and never splits a character in two", () => {
    const node = messengerNode("m", { text: "😀".repeat(60) });
    const [via, text] = nodeSummary(
      { type: "messenger", data: node.data },
      { profiles: [profile("Shop")], lists: [] },
    );
    expect(via).toBe("Shop · Response");
    expect(text).toBe(`${"😀".repeat(47)}…`);
  });
});
