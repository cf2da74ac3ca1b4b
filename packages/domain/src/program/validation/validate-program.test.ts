// Over 400 lines: every validation rule's cases and its property tests, one group per rule.
// Over 400 lines: every validation rule's cases and its property tests, one group per rule.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  decisionNode,
  edge,
  endNode,
  messengerNode,
  programDocument,
  startNode,
  updateContactNode,
  waitNode,
} from "../../fixtures/program-builders";
import { SAMPLE_CONTEXT } from "../../fixtures/sample-context";
import { MINIMAL_PROGRAM, SAMPLE_PROGRAM } from "../../fixtures/sample-program";
import type { DecisionRule } from "../nodes/decision-node";
import type { ProgramDocument } from "../program-document";
import type { ProgramNode } from "../program-node";
import type { ProgramIssue } from "./program-issue";
import { validateProgram } from "./validate-program";

type Expected = Partial<ProgramIssue>;

const validate = (doc: unknown) => validateProgram(doc, SAMPLE_CONTEXT);

/** Start → node → End, so a single node's configuration can be checked in isolation. */
function around(node: ProgramNode): ProgramDocument {
  return programDocument(
    [startNode("start"), node, endNode("end")],
    [edge("start", node.id), edge(node.id, "end")],
  );
}

/** Start → Decision → yes/no Ends. */
function decide(rule: DecisionRule): ProgramDocument {
  return programDocument(
    [startNode("start"), decisionNode("d", rule), endNode("y"), endNode("n")],
    [edge("start", "d"), edge("d", "y", "yes"), edge("d", "n", "no")],
  );
}

function expectIssues(issues: ProgramIssue[], expected: Expected[]) {
  expect(issues).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    const { message, ...rest } = want;
    expect(issues[i]).toMatchObject(rest);
    if (message) expect(issues[i]?.message).toContain(message);
  });
}

describe("valid programs have no issues", () => {
  test.each<[string, ProgramDocument]>([
    ["the sample program", SAMPLE_PROGRAM],
    ["the minimal program", MINIMAL_PROGRAM],
    ["Start with a list only", around(waitNode("w"))],
    [
      "Start with the API only",
      programDocument(
        [startNode("s", { listId: null, allowApi: true }), endNode("e")],
        [edge("s", "e")],
      ),
    ],
    [
      "Start with a list, no API",
      programDocument(
        [startNode("s", { listId: "list-vip", allowApi: false }), endNode("e")],
        [edge("s", "e")],
      ),
    ],
    [
      "a mapped tag under 2020",
      around(messengerNode("m", { profileId: "profile-outlet", tagId: "shipping_update" })),
    ],
    ["a retired-in-2020 tag under 2018", around(messengerNode("m", { tagId: "game_event" }))],
    ["text of exactly 2,000 emoji", around(messengerNode("m", { text: "😀".repeat(2000) }))],
    [
      "a literal @ and an email address",
      around(messengerNode("m", { text: "Mail a@b.com @@ now" })),
    ],
    ["adjacent placeholders", around(messengerNode("m", { text: "@FIRSTNAME@@LASTNAME@" }))],
    ["a placeholder of a system field", around(messengerNode("m", { text: "Id: @FBOPTIN_7KQ2@" }))],
    ["a wait of 1 minute", around(waitNode("w", 1, "minutes"))],
    ["Update text", around(updateContactNode("u", "FIRSTNAME", "Ana"))],
    ["Update number as text", around(updateContactNode("u", "AGE", "-12.5"))],
    ["Update number as JSON", around(updateContactNode("u", "AGE", 31))],
    ["Update date", around(updateContactNode("u", "BIRTHDAY", "2024-02-29"))],
    ["Update Yes/No", around(updateContactNode("u", "VIP", "no"))],
    ["Update Yes/No as JSON", around(updateContactNode("u", "VIP", true))],
    ["Update clearing a field", around(updateContactNode("u", "AGE", ""))],
    [
      "Decision text equals",
      decide({ kind: "field", field: "FIRSTNAME", operator: "equals", value: "Ana" }),
    ],
    [
      "Decision text contains",
      decide({ kind: "field", field: "LASTNAME", operator: "contains", value: "il" }),
    ],
    [
      "Decision number greater",
      decide({ kind: "field", field: "AGE", operator: "greater_than", value: "17" }),
    ],
    [
      "Decision date before",
      decide({ kind: "field", field: "BIRTHDAY", operator: "before", value: "2000-01-01" }),
    ],
    [
      "Decision is empty without value",
      decide({ kind: "field", field: "AGE", operator: "is_empty", value: "" }),
    ],
    ["Decision Yes/No", decide({ kind: "field", field: "VIP", operator: "is_false", value: "" })],
    ["Decision opted in", decide({ kind: "opted_in", profileId: "profile-old" })],
  ])("%s", (_name, doc) => {
    expect(validate(doc)).toEqual([]);
  });
});

describe("structure", () => {
  test.each<[string, ProgramDocument, Expected[]]>([
    [
      "no Start",
      programDocument([waitNode("w"), endNode("e")], [edge("w", "e")]),
      [{ code: "missing_start", message: "Add a Start node" }],
    ],
    ["an empty program", programDocument([]), [{ code: "missing_start" }]],
    [
      "two Starts",
      programDocument(
        [startNode("s1"), startNode("s2"), endNode("e")],
        [edge("s1", "e"), edge("s2", "e")],
      ),
      [{ code: "multiple_starts", nodeId: "s2", message: "exactly one Start node" }],
    ],
    [
      "a duplicate node id",
      programDocument([startNode("s"), endNode("e"), endNode("e")], [edge("s", "e")]),
      [{ code: "duplicate_node_id", nodeId: "e", message: "Two nodes share the id 'e'" }],
    ],
    [
      "a duplicate edge id",
      programDocument(
        [startNode("s"), endNode("e")],
        [edge("s", "e"), { ...edge("s", "e"), target: "e" }],
      ),
      [{ code: "duplicate_edge_id", edgeId: "s-out-e" }],
    ],
    [
      "an unreachable node",
      programDocument(
        [startNode("s"), endNode("e"), waitNode("w"), endNode("e2")],
        [edge("s", "e"), edge("w", "e2")],
      ),
      [
        {
          code: "unreachable_node",
          nodeId: "w",
          message: "This Wait node cannot be reached from Start",
        },
        { code: "unreachable_node", nodeId: "e2", message: "This End node cannot be reached" },
      ],
    ],
    [
      "an unconnected output",
      programDocument([startNode("s"), waitNode("w")], [edge("s", "w")]),
      [{ code: "missing_output", nodeId: "w", message: "Connect the output of this Wait node" }],
    ],
    [
      "Start not connected",
      programDocument([startNode("s")]),
      [{ code: "missing_output", nodeId: "s", message: "Connect the output of this Start node" }],
    ],
    [
      "two outputs from a Wait",
      programDocument(
        [startNode("s"), waitNode("w"), endNode("a"), endNode("b")],
        [edge("s", "w"), edge("w", "a"), edge("w", "b")],
      ),
      [
        {
          code: "too_many_outputs",
          nodeId: "w",
          message: "has 2 outgoing connections; keep exactly one",
        },
      ],
    ],
    [
      "a Decision without No",
      programDocument(
        [
          startNode("s"),
          decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
          endNode("y"),
        ],
        [edge("s", "d"), edge("d", "y", "yes")],
      ),
      [
        {
          code: "missing_output",
          nodeId: "d",
          message: "Connect the No output of this Decision node",
        },
      ],
    ],
    [
      "a Decision with neither output",
      programDocument(
        [startNode("s"), decisionNode("d", { kind: "opted_in", profileId: "profile-shop" })],
        [edge("s", "d")],
      ),
      [
        { code: "missing_output", nodeId: "d", message: "Yes output" },
        { code: "missing_output", nodeId: "d", message: "No output" },
      ],
    ],
    [
      "a Decision with two Yes connections",
      programDocument(
        [
          startNode("s"),
          decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
          endNode("y1"),
          endNode("y2"),
          endNode("n"),
        ],
        [edge("s", "d"), edge("d", "y1", "yes"), edge("d", "y2", "yes"), edge("d", "n", "no")],
      ),
      [
        {
          code: "too_many_outputs",
          nodeId: "d",
          message: "The Yes output of this Decision node has 2",
        },
      ],
    ],
    [
      "an End with an output",
      programDocument(
        [startNode("s"), endNode("e"), endNode("e2")],
        [edge("s", "e"), edge("e", "e2")],
      ),
      [
        {
          code: "end_has_outputs",
          nodeId: "e",
          edgeId: "e-out-e2",
          message: "An End node has no outputs",
        },
        { code: "unreachable_node", nodeId: "e2" },
      ],
    ],
    [
      "a connection into Start",
      programDocument(
        [startNode("s"), waitNode("w"), endNode("e")],
        [
          edge("s", "w"),
          edge("w", "e"),
          { id: "back", source: "w", sourceHandle: null, target: "s" },
        ],
      ),
      [{ code: "start_has_inputs", nodeId: "s", edgeId: "back" }],
    ],
    [
      "a connection from a missing node",
      programDocument([startNode("s"), endNode("e")], [edge("s", "e"), edge("ghost", "e")]),
      [{ code: "edge_unknown_source", edgeId: "ghost-out-e", message: "'ghost'" }],
    ],
    [
      "a connection to a missing node",
      programDocument([startNode("s"), endNode("e")], [edge("s", "e"), edge("s", "ghost")]),
      [{ code: "edge_unknown_target", edgeId: "s-out-ghost", nodeId: "s", message: "'ghost'" }],
    ],
    [
      "a Decision connection without a handle",
      programDocument(
        [
          startNode("s"),
          decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
          endNode("y"),
          endNode("n"),
        ],
        [edge("s", "d"), edge("d", "y", "yes"), edge("d", "n", "no"), edge("d", "y")],
      ),
      [{ code: "edge_invalid_handle", nodeId: "d", message: "Yes or the No output" }],
    ],
    [
      "a yes handle on a Wait",
      programDocument(
        [startNode("s"), waitNode("w"), endNode("e")],
        [edge("s", "w"), edge("w", "e", "yes")],
      ),
      [
        {
          code: "edge_invalid_handle",
          nodeId: "w",
          message: "Only Decision nodes have Yes and No outputs",
        },
        { code: "missing_output", nodeId: "w" },
        { code: "unreachable_node", nodeId: "e" },
      ],
    ],
    [
      "a duplicate connection",
      programDocument(
        [startNode("s"), endNode("e")],
        [edge("s", "e"), { ...edge("s", "e"), id: "again" }],
      ),
      [{ code: "duplicate_edge", edgeId: "again" }],
    ],
    [
      "a loop",
      programDocument(
        [
          startNode("s"),
          messengerNode("m"),
          waitNode("w"),
          decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
          endNode("e"),
        ],
        [
          edge("s", "m"),
          edge("m", "w"),
          edge("w", "d"),
          edge("d", "m", "yes"),
          edge("d", "e", "no"),
        ],
      ),
      [
        {
          code: "cycle",
          nodeId: "d",
          edgeId: "d-yes-m",
          message: "from this Decision node back to the Messenger node makes a loop",
        },
      ],
    ],
    [
      "a node connected to itself",
      programDocument(
        [
          startNode("s"),
          decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
          endNode("e"),
        ],
        [edge("s", "d"), edge("d", "d", "yes"), edge("d", "e", "no")],
      ),
      [{ code: "cycle", nodeId: "d", message: "connects to itself" }],
    ],
    [
      "a loop among unreachable nodes",
      programDocument(
        [startNode("s"), endNode("e"), waitNode("a"), waitNode("b")],
        [edge("s", "e"), edge("a", "b"), edge("b", "a")],
      ),
      [
        { code: "unreachable_node", nodeId: "a" },
        { code: "unreachable_node", nodeId: "b" },
        { code: "cycle", edgeId: "b-out-a" },
      ],
    ],
  ])("%s", (_name, doc, expected) => {
    expectIssues(validate(doc), expected);
  });
});

describe("node configuration", () => {
  test.each<[string, ProgramDocument, Expected[]]>([
    [
      "Start from a list that no longer exists",
      programDocument([startNode("s", { listId: "list-gone" }), endNode("e")], [edge("s", "e")]),
      [
        {
          code: "start_list_unknown",
          nodeId: "s",
          message: "no longer exists; choose another list",
        },
      ],
    ],
    [
      "Start with no way to enrol",
      programDocument(
        [startNode("s", { listId: null, allowApi: false }), endNode("e")],
        [edge("s", "e")],
      ),
      [{ code: "start_no_enrolment", nodeId: "s", message: "Choose a list" }],
    ],
    [
      "Messenger without a profile",
      around(messengerNode("m", { profileId: null })),
      [
        {
          code: "messenger_profile_missing",
          nodeId: "m",
          message: "Choose a profile for this Messenger node",
        },
      ],
    ],
    [
      "Messenger with a deleted profile",
      around(messengerNode("m", { profileId: "profile-gone" })),
      [{ code: "messenger_profile_unknown", nodeId: "m", message: "no longer exists" }],
    ],
    [
      "Messenger with a disabled profile",
      around(messengerNode("m", { profileId: "profile-old" })),
      [
        {
          code: "messenger_profile_disabled",
          nodeId: "m",
          message: "Profile 'Old shop' is disabled; enable it or choose another",
        },
      ],
    ],
    [
      "Messenger with an unknown tag",
      around(messengerNode("m", { tagId: "human_agent" })),
      [
        {
          code: "messenger_tag_unknown",
          nodeId: "m",
          message: "'human_agent' is not a Messenger tag",
        },
      ],
    ],
    [
      "Messenger with an unknown tag and no profile",
      around(messengerNode("m", { profileId: null, tagId: "nope" })),
      [{ code: "messenger_profile_missing" }, { code: "messenger_tag_unknown" }],
    ],
    [
      "Messenger with a tag retired under 2020",
      around(messengerNode("m", { profileId: "profile-outlet", tagId: "game_event" })),
      [
        {
          code: "messenger_tag_retired",
          nodeId: "m",
          message:
            "Tag 'Game_event' cannot be sent under the 2020 policy. Facebook retired this tag on 4 March 2020",
        },
      ],
    ],
    [
      "Non_promotional_subscription under 2020",
      around(
        messengerNode("m", { profileId: "profile-outlet", tagId: "non_promotional_subscription" }),
      ),
      [{ code: "messenger_tag_retired", message: "News Page Index" }],
    ],
    [
      "Messenger with empty text",
      around(messengerNode("m", { text: "" })),
      [{ code: "messenger_text_empty", nodeId: "m", message: "Write the message" }],
    ],
    [
      "Messenger with only spaces",
      around(messengerNode("m", { text: "  \n " })),
      [{ code: "messenger_text_empty", nodeId: "m" }],
    ],
    [
      "Messenger text of 2,001 emoji (code points, not UTF-16 units)",
      around(messengerNode("m", { text: "😀".repeat(2001) })),
      [
        {
          code: "messenger_text_too_long",
          nodeId: "m",
          message: "The message is 2,001 characters; Messenger allows at most 2,000",
        },
      ],
    ],
    [
      "Messenger with an unknown placeholder",
      around(messengerNode("m", { text: "Hi @NICKNAME@ and @NICKNAME@ @FIRSTNAME@" })),
      [
        {
          code: "messenger_unknown_placeholder",
          nodeId: "m",
          message: "@NICKNAME@ is not a data field",
        },
      ],
    ],
    [
      "Messenger with two unknown placeholders",
      around(messengerNode("m", { text: "@A@@B@" })),
      [
        { code: "messenger_unknown_placeholder", message: "@A@" },
        { code: "messenger_unknown_placeholder", message: "@B@" },
      ],
    ],
    [
      "Wait of zero",
      around(waitNode("w", 0, "hours")),
      [{ code: "wait_duration_not_positive", nodeId: "w", message: "at least 1 hour" }],
    ],
    [
      "Update without a field",
      around(updateContactNode("u", "", "x")),
      [{ code: "update_field_missing", nodeId: "u" }],
    ],
    [
      "Update of a missing field",
      around(updateContactNode("u", "SHOE_SIZE", "42")),
      [
        {
          code: "update_field_unknown",
          nodeId: "u",
          message: "Data field 'SHOE_SIZE' does not exist",
        },
      ],
    ],
    [
      "Update of a system field",
      around(updateContactNode("u", "FBOPTIN_7KQ2", "123")),
      [{ code: "update_field_system", nodeId: "u", message: "FBOPTIN_7KQ2 is set by the system" }],
    ],
    [
      "Update number with text",
      around(updateContactNode("u", "AGE", "12abc")),
      [
        {
          code: "update_value_invalid",
          nodeId: "u",
          message: "The value for AGE does not fit its type: '12abc' is not a number",
        },
      ],
    ],
    [
      "Update date with an impossible date",
      around(updateContactNode("u", "BIRTHDAY", "2026-02-30")),
      [{ code: "update_value_invalid", message: "February 2026 has 28 days" }],
    ],
    [
      "Update Yes/No with maybe",
      around(updateContactNode("u", "VIP", "maybe")),
      [{ code: "update_value_invalid", message: "'maybe' is not Yes or No" }],
    ],
    [
      "Update text with a number",
      around(updateContactNode("u", "FIRSTNAME", 5)),
      [{ code: "update_value_invalid", message: "Expected text" }],
    ],
    [
      "Update text over 1,000 characters",
      around(updateContactNode("u", "FIRSTNAME", "x".repeat(1001))),
      [{ code: "update_value_invalid", message: "at most 1,000 characters" }],
    ],
    [
      "End without a name",
      programDocument([startNode("s"), endNode("e", "  ")], [edge("s", "e")]),
      [{ code: "end_outcome_missing", nodeId: "e" }],
    ],
  ])("%s", (_name, doc, expected) => {
    expectIssues(validate(doc), expected);
  });
});

describe("Decision rules", () => {
  test.each<[string, DecisionRule, Expected[]]>([
    [
      "no field",
      { kind: "field", field: "", operator: "equals", value: "x" },
      [{ code: "decision_field_missing" }],
    ],
    [
      "a missing field",
      { kind: "field", field: "SHOE", operator: "equals", value: "x" },
      [{ code: "decision_field_unknown", message: "Data field 'SHOE' does not exist" }],
    ],
    [
      "before on a number",
      { kind: "field", field: "AGE", operator: "before", value: "3" },
      [
        {
          code: "decision_operator_invalid",
          message: "'is before' does not apply to the Number field AGE",
        },
      ],
    ],
    [
      "contains on a Yes/No",
      { kind: "field", field: "VIP", operator: "contains", value: "y" },
      [
        {
          code: "decision_operator_invalid",
          message: "use one of: is Yes, is No, is empty, is not empty",
        },
      ],
    ],
    [
      "is_true on text",
      { kind: "field", field: "FIRSTNAME", operator: "is_true", value: "" },
      [{ code: "decision_operator_invalid" }],
    ],
    [
      "equals without a value",
      { kind: "field", field: "FIRSTNAME", operator: "equals", value: " " },
      [
        {
          code: "decision_value_missing",
          message: "Enter the value to compare FIRSTNAME with (or use 'is empty')",
        },
      ],
    ],
    [
      "greater than a word",
      { kind: "field", field: "AGE", operator: "greater_than", value: "ten" },
      [{ code: "decision_value_invalid", message: "'ten' is not a number" }],
    ],
    [
      "after an impossible date",
      { kind: "field", field: "BIRTHDAY", operator: "after", value: "2026-13-01" },
      [{ code: "decision_value_invalid", message: "month must be 01 to 12" }],
    ],
    [
      "opted in without a profile",
      { kind: "opted_in", profileId: null },
      [{ code: "decision_profile_missing" }],
    ],
    [
      "opted in to a deleted profile",
      { kind: "opted_in", profileId: "profile-gone" },
      [{ code: "decision_profile_unknown" }],
    ],
  ])("%s", (_name, rule, expected) => {
    expectIssues(
      validate(decide(rule)),
      expected.map((issue) => ({ nodeId: "d", ...issue })),
    );
  });
});

describe("documents with the wrong shape", () => {
  test("are reported as invalid_document with their node", () => {
    const issues = validate({
      schemaVersion: 1,
      nodes: [{ id: "w", type: "wait", data: { amount: "3" } }],
    });
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid_document",
        nodeId: "w",
        path: "nodes[0].data.amount",
      }),
    ]);
  });

  test("10,000 nodes give one field-level issue", () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) => endNode(`e${i}`));
    expect(validate(programDocument(nodes))).toEqual([
      {
        code: "invalid_document",
        path: "nodes",
        message: "A program can have at most 2,000 nodes; this one has 10,000",
      },
    ]);
  });
});

describe("validation never throws", () => {
  test("on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(Array.isArray(validate(JSON.parse(text)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("on arbitrary values shaped like programs", () => {
    const id = fc.constantFrom("a", "b", "c", "d", "start", "__proto__", "constructor");
    const anything = fc.anything({ maxDepth: 2 });
    const nodeArb = fc.record(
      {
        id,
        type: fc.constantFrom(
          "start",
          "messenger",
          "wait",
          "decision",
          "update_contact",
          "end",
          "x",
        ),
        position: fc.oneof(fc.record({ x: fc.double(), y: fc.double() }), anything),
        data: fc.oneof(
          fc.record(
            {
              listId: fc.option(id),
              allowApi: fc.boolean(),
              profileId: fc.option(
                fc.constantFrom("profile-shop", "profile-outlet", "profile-old", "zz"),
              ),
              tagId: fc.constantFrom("response", "update", "game_event", "shipping_update", "zzz"),
              text: fc.string({ unit: "binary" }),
              amount: fc.integer({ min: -2, max: 5 }),
              unit: fc.constantFrom("minutes", "hours", "days", "weeks"),
              field: fc.constantFrom("AGE", "VIP", "FIRSTNAME", "FBOPTIN_7KQ2", "NOPE", ""),
              value: fc.oneof(fc.string(), fc.double(), fc.boolean()),
              outcome: fc.string(),
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
      },
      { requiredKeys: ["id", "type"] },
    );
    const edgeArb = fc.record(
      { id, source: id, target: id, sourceHandle: fc.constantFrom("yes", "no", null, "x") },
      { requiredKeys: ["id", "source", "target"] },
    );
    fc.assert(
      fc.property(
        fc.array(nodeArb, { maxLength: 8 }),
        fc.array(edgeArb, { maxLength: 12 }),
        (nodes, edges) => {
          expect(Array.isArray(validate({ schemaVersion: 1, nodes, edges }))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("on structurally valid random graphs", () => {
    const ids = ["s", "m", "w", "d", "u", "e"];
    const nodes = [
      startNode("s"),
      messengerNode("m"),
      waitNode("w"),
      decisionNode("d", { kind: "opted_in", profileId: "profile-shop" }),
      updateContactNode("u", "AGE", "3"),
      endNode("e"),
    ];
    const edgeArb = fc.record({
      source: fc.constantFrom(...ids),
      target: fc.constantFrom(...ids),
      handle: fc.constantFrom<"yes" | "no" | null>("yes", "no", null),
    });
    fc.assert(
      fc.property(fc.array(edgeArb, { maxLength: 15 }), (raw) => {
        const edges = raw.map((e, i) => ({ ...edge(e.source, e.target, e.handle), id: `e${i}` }));
        const issues = validate(programDocument(nodes, edges));
        for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 500 },
    );
  });
});
