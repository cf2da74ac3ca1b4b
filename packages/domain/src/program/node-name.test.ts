import { describe, expect, it } from "vitest";
import { defaultNodeName, nameNodes, nodeName } from "./node-name";
import { parseProgramDocument } from "./parse-program-document";

describe("node names", () => {
  it("fills blank names per type in document order, skipping names in use", () => {
    const named = nameNodes([
      { id: "a", type: "wait" as const, data: {} },
      { id: "b", type: "messenger" as const, data: { name: "  " } },
      { id: "c", type: "wait" as const, data: { name: "Wait 1" } },
      { id: "d", type: "wait" as const, data: {} },
    ]);
    expect(named.map((n) => n.data.name)).toEqual(["Wait 2", "Messenger 1", "Wait 1", "Wait 3"]);
  });

  it("shows a node by its name, or its type when it has none", () => {
    expect(nodeName({ type: "update_contact", data: {} })).toBe("Update contact");
    expect(nodeName({ type: "end", data: { name: " Bought " } })).toBe("Bought");
    expect(defaultNodeName("decision", new Set(["Decision 1"]))).toBe("Decision 2");
  });

  it("parsing names every node of a document and refuses a name that is too long", () => {
    const parsed = parseProgramDocument({
      schemaVersion: 1,
      nodes: [
        { id: "s", type: "start" },
        { id: "w", type: "wait", data: { name: "Cool down", amount: 2, unit: "days" } },
      ],
    });
    expect(parsed.ok && parsed.document.nodes.map((n) => n.data.name)).toEqual([
      "Start 1",
      "Cool down",
    ]);
    const long = parseProgramDocument({
      schemaVersion: 1,
      nodes: [{ id: "w", type: "wait", data: { name: "x".repeat(81) } }],
    });
    expect(long.ok ? [] : long.issues.map((i) => i.message)).toEqual([
      "A node name can be at most 80 characters",
    ]);
  });
});
