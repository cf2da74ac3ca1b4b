import { describe, expect, test } from "vitest";
import type { ContactSnapshot } from "../engine/contact-snapshot";
import {
  decisionNode,
  edge,
  endNode,
  messengerNode,
  programDocument,
  startNode,
  updateContactNode,
  waitNode,
} from "../fixtures/program-builders";
import { NOT_OPTED_IN_CONTACT, OPTED_IN_CONTACT, SAMPLE_NOW } from "../fixtures/sample-contacts";
import { SAMPLE_FIELDS, SAMPLE_PROFILES } from "../fixtures/sample-context";
import { WARNING_REASONS } from "../messenger/warning-reasons";
import type { ProgramDocument } from "../program/program-document";
import { DRY_RUN_REASONS, dryRunContact } from "./dry-run-contact";
import { DryRunTally } from "./dry-run-tally";

// Start → Hi → Wait 3 days → VIP? yes: Offer (LASTNAME) → End "vip"; no: mark WELCOMED → End "done"
const PROGRAM: ProgramDocument = programDocument(
  [
    startNode("start"),
    messengerNode("hi", { text: "Hi @FIRSTNAME@" }),
    waitNode("wait", 3, "days"),
    decisionNode("vip", { kind: "field", field: "VIP", operator: "is_true", value: "" }),
    messengerNode("offer", { profileId: "profile-shop", text: "Dear @LASTNAME@ @AGE@" }),
    endNode("end-vip", "vip"),
    updateContactNode("welcomed", "WELCOMED", true),
    endNode("end-done", "done"),
  ],
  [
    edge("start", "hi"),
    edge("hi", "wait"),
    edge("wait", "vip"),
    edge("vip", "offer", "yes"),
    edge("offer", "end-vip"),
    edge("vip", "welcomed", "no"),
    edge("welcomed", "end-done"),
  ],
);

const run = (contact: ContactSnapshot, disconnected: ReadonlySet<string> = new Set()) =>
  dryRunContact({
    program: PROGRAM,
    startNodeId: "start",
    contact,
    fields: SAMPLE_FIELDS,
    profiles: SAMPLE_PROFILES,
    disconnectedProfiles: disconnected,
    now: SAMPLE_NOW,
  });

describe("dryRunContact", () => {
  test("takes the Wait as elapsed and follows the Decision on today's data", () => {
    const path = run(OPTED_IN_CONTACT);
    expect(path.steps.map((s) => s.nodeId)).toEqual([
      "start",
      "hi",
      "wait",
      "vip",
      "offer",
      "end-vip",
    ]);
    expect(path.outcome).toBe("vip");
    expect(path.steps.filter((s) => s.sent).map((s) => s.nodeId)).toEqual(["hi", "offer"]);
    // AGE has no value and no default: the message still goes, with AGE empty.
    expect(path.steps.find((s) => s.nodeId === "offer")?.blankFields).toEqual(["AGE"]);
    expect(path.steps.find((s) => s.nodeId === "hi")?.blankFields).toEqual([]);
  });

  test("a contact who never opted in is skipped at each Messenger node with the engine's reason", () => {
    const path = run(NOT_OPTED_IN_CONTACT);
    expect(path.outcome).toBe("done");
    expect(path.steps.map((s) => [s.nodeId, s.skipReason])).toEqual([
      ["start", null],
      ["hi", WARNING_REASONS.notOptedIn],
      ["wait", null],
      ["vip", null],
      ["welcomed", null],
      ["end-done", null],
    ]);
  });

  test("a disconnected profile's sends are skipped, not sent", () => {
    const path = run(OPTED_IN_CONTACT, new Set(["profile-shop"]));
    expect(path.steps.find((s) => s.nodeId === "hi")).toMatchObject({
      sent: false,
      skipReason: DRY_RUN_REASONS.profileDisconnected,
    });
  });

  test("an Update contact node's value is what later Decisions see", () => {
    const program = programDocument(
      [
        startNode("start"),
        updateContactNode("set", "VIP", true),
        decisionNode("vip", { kind: "field", field: "VIP", operator: "is_true", value: "" }),
        endNode("yes", "yes"),
        endNode("no", "no"),
      ],
      [
        edge("start", "set"),
        edge("set", "vip"),
        edge("vip", "yes", "yes"),
        edge("vip", "no", "no"),
      ],
    );
    const path = dryRunContact({
      program,
      startNodeId: "start",
      contact: NOT_OPTED_IN_CONTACT,
      fields: SAMPLE_FIELDS,
      profiles: SAMPLE_PROFILES,
      disconnectedProfiles: new Set(),
      now: SAMPLE_NOW,
    });
    expect(path.outcome).toBe("yes");
  });
});

describe("DryRunTally", () => {
  test("counts per node and lists the contacts behind each reason until drained", () => {
    const tally = new DryRunTally();
    tally.add("c1", run(OPTED_IN_CONTACT));
    tally.add("c2", run(NOT_OPTED_IN_CONTACT));
    tally.add("c3", run(NOT_OPTED_IN_CONTACT));
    const summary = tally.summary();
    expect(summary).toMatchObject({ contacts: 3, sends: 2, skips: 2 });
    expect(summary.nodes.hi).toEqual({ reached: 3, sent: 1, skipped: 2 });
    expect(summary.nodes.offer).toEqual({ reached: 1, sent: 1, skipped: 0 });
    expect(summary.outcomes).toEqual({ vip: 1, done: 2 });
    expect(summary.reasons).toEqual([
      { id: 1, nodeId: "offer", kind: "blank_field", reason: "AGE", count: 1 },
      { id: 2, nodeId: "hi", kind: "skipped", reason: WARNING_REASONS.notOptedIn, count: 2 },
    ]);
    expect(tally.drain()).toEqual(
      new Map([
        [1, ["c1"]],
        [2, ["c2", "c3"]],
      ]),
    );
    expect(tally.drain().size).toBe(0);
  });
});
