import { describe, expect, test } from "vitest";
import { MINIMAL_PROGRAM, SAMPLE_PROGRAM } from "../fixtures/sample-program";
import { UNSTORABLE_TEXT_MESSAGE } from "../text/storable-text";
import { parseProgramDocument } from "./parse-program-document";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe("parseProgramDocument accepts", () => {
  test.each([
    ["the sample program", SAMPLE_PROGRAM],
    ["the minimal program", MINIMAL_PROGRAM],
    ["an empty program", { schemaVersion: 1, nodes: [], edges: [] }],
  ])("%s", (_name, raw) => {
    const result = parseProgramDocument(clone(raw));
    expect(result).toEqual({ ok: true, document: raw, migratedFrom: 1 });
  });

  test("fills in defaults and names for omitted data", () => {
    const result = parseProgramDocument({
      schemaVersion: 1,
      nodes: [
        { id: "s", type: "start" },
        { id: "m", type: "messenger", position: { x: 1, y: 2 }, data: {} },
        { id: "w", type: "wait", data: { amount: 3 } },
        { id: "d", type: "decision" },
        { id: "o", type: "decision", data: { rule: { kind: "opted_in" } } },
        { id: "u", type: "update_contact" },
        { id: "e", type: "end" },
      ],
      edges: [{ id: "x", source: "s", target: "m" }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.nodes.map((node) => node.data)).toEqual([
      { name: "Start 1", listId: null, allowApi: false },
      { name: "Messenger 1", profileId: null, tagId: "response", text: "" },
      { name: "Wait 1", amount: 3, unit: "days" },
      { name: "Decision 1", rule: { kind: "field", field: "", operator: "equals", value: "" } },
      { name: "Decision 2", rule: { kind: "opted_in", profileId: null } },
      { name: "Update contact 1", field: "", value: "" },
      { name: "End 1", outcome: "Completed" },
    ]);
    expect(result.document.nodes[0]?.position).toEqual({ x: 0, y: 0 });
    expect(result.document.edges[0]?.sourceHandle).toBeNull();
  });

  test("a yes/no handle and native JSON values", () => {
    const result = parseProgramDocument({
      schemaVersion: 1,
      nodes: [{ id: "u", type: "update_contact", data: { field: "AGE", value: 31 } }],
      edges: [{ id: "e", source: "a", sourceHandle: "yes", target: "b" }],
    });
    expect(result.ok).toBe(true);
  });
});

const node = (overrides: Record<string, unknown>) => ({
  id: "n1",
  type: "wait",
  position: { x: 0, y: 0 },
  data: { amount: 1, unit: "days" },
  ...overrides,
});

const doc = (nodes: unknown[], edges: unknown[] = []) => ({ schemaVersion: 1, nodes, edges });

describe("parseProgramDocument rejects", () => {
  test.each<[string, unknown, { path: string; message: string; nodeId?: string; edgeId?: string }]>(
    [
      ["a non-object", "hello", { path: "schemaVersion", message: "must be a JSON object" }],
      ["an array", [], { path: "schemaVersion", message: "must be a JSON object" }],
      ["null", null, { path: "schemaVersion", message: "must be a JSON object" }],
      [
        "no schemaVersion",
        { nodes: [] },
        { path: "schemaVersion", message: "schemaVersion is missing" },
      ],
      [
        "schemaVersion 0",
        { schemaVersion: 0, nodes: [] },
        { path: "schemaVersion", message: "from 1" },
      ],
      [
        "schemaVersion '1'",
        { schemaVersion: "1", nodes: [] },
        { path: "schemaVersion", message: "whole number" },
      ],
      [
        "a newer schemaVersion",
        { schemaVersion: 7, nodes: [] },
        { path: "schemaVersion", message: "newer version of Waymark (schemaVersion 7)" },
      ],
      ["missing nodes", { schemaVersion: 1 }, { path: "nodes", message: "expected array" }],
      [
        "an unknown node type",
        doc([node({ type: "sms" })]),
        { path: "nodes[0].type", message: "Unknown node type", nodeId: "n1" },
      ],
      [
        "an unsafe id",
        doc([node({ id: "a b" })]),
        { path: "nodes[0].id", message: "only letters, digits" },
      ],
      [
        "an id over 64 characters",
        doc([node({ id: "x".repeat(65) })]),
        { path: "nodes[0].id", message: "at most 64 characters" },
      ],
      ["an empty id", doc([node({ id: "" })]), { path: "nodes[0].id", message: "cannot be empty" }],
      [
        "a __proto__ key",
        JSON.parse('{"schemaVersion":1,"nodes":[],"edges":[],"__proto__":{"polluted":true}}'),
        { path: "", message: "Unknown property '__proto__'; remove it" },
      ],
      [
        "a constructor key in node data",
        doc([node({ data: { amount: 1, unit: "days", constructor: { prototype: {} } } })]),
        { path: "nodes[0].data", message: "Unknown property 'constructor'", nodeId: "n1" },
      ],
      [
        "extra React Flow properties",
        doc([node({ selected: true, measured: {} })]),
        { path: "nodes[0]", message: "Unknown properties 'selected', 'measured'; remove them" },
      ],
      [
        "a fractional wait",
        doc([node({ data: { amount: 1.5, unit: "days" } })]),
        { path: "nodes[0].data.amount", message: "whole number" },
      ],
      [
        "a negative wait",
        doc([node({ data: { amount: -1, unit: "days" } })]),
        { path: "nodes[0].data.amount", message: "cannot be negative" },
      ],
      [
        "a wait in weeks",
        doc([node({ data: { amount: 1, unit: "weeks" } })]),
        { path: "nodes[0].data.unit", message: "Choose minutes, hours or days" },
      ],
      [
        "a position far away",
        doc([node({ position: { x: 1e12, y: 0 } })]),
        { path: "nodes[0].position.x", message: "too far off the canvas" },
      ],
      [
        "a non-finite position",
        doc([node({ position: { x: 0, y: null } })]),
        { path: "nodes[0].position.y", message: "expected number" },
      ],
      [
        "a message text over the storage bound",
        doc([{ id: "m", type: "messenger", data: { text: "x".repeat(10_001) } }]),
        { path: "nodes[0].data.text", message: "at most 10000 characters", nodeId: "m" },
      ],
      [
        "an unknown decision operator",
        doc([{ id: "d", type: "decision", data: { rule: { kind: "field", operator: "like" } } }]),
        { path: "nodes[0].data.rule.operator", message: "Choose an operator" },
      ],
      [
        "an unknown rule kind",
        doc([{ id: "d", type: "decision", data: { rule: { kind: "segment" } } }]),
        { path: "nodes[0].data.rule.kind", message: "A rule is either" },
      ],
      [
        "an object as an update value",
        doc([{ id: "u", type: "update_contact", data: { field: "A", value: {} } }]),
        { path: "nodes[0].data.value", message: "Invalid input" },
      ],
      [
        "a bad edge handle",
        doc([], [{ id: "e1", source: "a", sourceHandle: "maybe", target: "b" }]),
        {
          path: "edges[0].sourceHandle",
          message: 'sourceHandle is "yes", "no" or null',
          edgeId: "e1",
        },
      ],
      [
        "an edge without target",
        doc([], [{ id: "e1", source: "a" }]),
        { path: "edges[0].target", message: "An id must be text", edgeId: "e1" },
      ],
    ],
  )("%s", (_name, raw, expected) => {
    const result = parseProgramDocument(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues[0];
    expect(issue?.path).toBe(expected.path);
    expect(issue?.message).toContain(expected.message);
    if (expected.nodeId) expect(issue?.nodeId).toBe(expected.nodeId);
    if (expected.edgeId) expect(issue?.edgeId).toBe(expected.edgeId);
  });

  test("10,000 nodes are refused with one field-level message", () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) => node({ id: `n${i}` }));
    const result = parseProgramDocument(doc(nodes));
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: "nodes", message: "A program can have at most 2,000 nodes; this one has 10,000" },
      ],
    });
  });

  test("4,001 edges are refused", () => {
    const edges = Array.from({ length: 4001 }, (_, i) => ({
      id: `e${i}`,
      source: "a",
      target: "b",
    }));
    const result = parseProgramDocument(doc([], edges));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toContain("at most 4,000 connections");
  });

  test("2,000 nodes are accepted", () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => node({ id: `n${i}` }));
    expect(parseProgramDocument(doc(nodes)).ok).toBe(true);
  });

  test("reports at most 100 issues", () => {
    const nodes = Array.from({ length: 500 }, () => node({ id: "bad id" }));
    const result = parseProgramDocument(doc(nodes));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toHaveLength(100);
  });

  test.each([
    ["messenger", { text: "Hi\u0000" }, "data.text"],
    ["messenger", { tagId: "\ud800" }, "data.tagId"],
    ["end", { outcome: "Done\udc00" }, "data.outcome"],
    ["update_contact", { field: "A\u0000", value: "x" }, "data.field"],
    ["update_contact", { field: "A", value: "x\ud83d" }, "data.value"],
    ["decision", { rule: { kind: "field", field: "A", value: "\u0000" } }, "data.rule.value"],
  ])("text PostgreSQL cannot store in a %s node's %j", (type, data, path) => {
    const result = parseProgramDocument(doc([node({ id: "n", type, data })]));
    expect(result).toEqual({
      ok: false,
      issues: [{ path: `nodes[0].${path}`, message: UNSTORABLE_TEXT_MESSAGE, nodeId: "n" }],
    });
  });

  test("does not pollute prototypes", () => {
    parseProgramDocument(JSON.parse('{"schemaVersion":1,"nodes":[],"__proto__":{"polluted":1}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
